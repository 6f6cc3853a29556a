/**
 * The audit trail: one table of who did what, when, for which organisation.
 */
package talos.core.audit;
