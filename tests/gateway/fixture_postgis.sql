-- The application/geo+json tests' schema (issue 17 item 4): PostGIS in the extensions schema and a
-- table of points. Loaded by test_geojson_v13.py only, so the other gateway tests never need PostGIS
-- (scripts/install-toolchain.sh installs it). Idempotent.
set client_min_messages = warning;
create schema if not exists extensions;
create extension if not exists postgis schema extensions;
drop table if exists gw.spots cascade;
create table gw.spots (id integer primary key, name text not null, geom extensions.geometry(point, 4326));
insert into gw.spots values (1, 'origin', extensions.st_setsrid(extensions.st_makepoint(0, 0), 4326)),
                            (2, 'east', extensions.st_setsrid(extensions.st_makepoint(2, 1), 4326));
comment on table gw.spots is 'Points: answered as a GeoJSON FeatureCollection for application/geo+json.';
create or replace function gw.spots_near(x double precision) returns setof gw.spots language sql stable
  as $$ select * from gw.spots where extensions.st_x(geom) <= x order by id $$;
comment on function gw.spots_near(double precision) is 'Spots west of x: rows of a table with a geometry.';
-- The database revokes EXECUTE from PUBLIC by default: the API roles get the PostGIS functions used.
grant usage on schema extensions to anon, authenticated, service_role;
grant execute on function extensions.st_asgeojson(record, text, integer, boolean), extensions.st_x(extensions.geometry)
  to anon, authenticated, service_role;
grant select on gw.spots to anon, authenticated, service_role;
grant insert, update, delete on gw.spots to authenticated;  -- a write's representation as GeoJSON
grant execute on function gw.spots_near(double precision) to anon, authenticated, service_role;
-- gwrest: writes answering in application/geo+json (test_limits_postgis_v13.py, always rolled back).
grant insert, update, delete on gw.spots to anon;
