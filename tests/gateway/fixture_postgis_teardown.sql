-- Undo fixture_postgis.sql when the geo+json tests end: the session's cluster is shared, and with
-- PostGIS on the search path a text column's `&&` (ov.) would resolve to geometry's operator through
-- PostGIS's implicit text -> geometry cast, which the product's schema never has.
set client_min_messages = warning;
drop extension if exists postgis cascade;
