/**
 * Campaigns: what an organisation wants observed, with which of its stations and when, and the
 * time station owners keep for themselves. Changes are checked here (roles, legal status
 * transitions, satellites and transmitters of the catalogue), while double bookings of a station are
 * refused by the database's exclusion constraints, so that concurrent requests on any nodes of a
 * cluster cannot both win. Every committed change is published on
 * {@link talos.core.bus.Addresses#CAMPAIGN_CHANGED}.
 */
package talos.core.campaign;
