/**
 * Scheduling: which station receives which pass. {@link talos.core.schedule.SchedulerVerticle}
 * keeps every station's plan current, replanning the part each change touches through
 * {@link talos.core.schedule.Scheduler}; {@link talos.core.schedule.Planner} is a plain,
 * deterministic function from opportunities (passes of campaign targets over assigned stations) to
 * a plan: each station's timeline without overlaps or impossible slews, and every pass left out
 * with the reason.
 */
package talos.core.schedule;
