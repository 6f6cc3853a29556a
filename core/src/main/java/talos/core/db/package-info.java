/**
 * The database: the embedded PostgreSQL server, external endpoints and schema migrations.
 */
package talos.core.db;
