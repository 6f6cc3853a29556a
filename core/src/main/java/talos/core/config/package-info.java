/**
 * Settings of the core: the catalogue of variables, loading through vertx-config, validation and logging setup.
 */
package talos.core.config;
