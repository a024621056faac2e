-- The asset's version (asset-service's optimistic-lock version) the projection row reflects: an event carrying
-- an older version (replayed from the dead-letter topic after later ones were applied) changes nothing.
-- Null for rows written before it was kept; the first versioned event sets it.
alter table asset_projection add column asset_version bigint;
