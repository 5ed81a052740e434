"""The library of articles: files, uploads and pages become stored articles and facts (`ingest`),
and admins keep the store in step with a folder (`admin`: reload, add, remove, sources), with
pages fetched safely (`web`). Uses extraction to read and persistence to store.

Public face: `ingest_paths`, `refresh_stale`, `FileResult`, `IngestReport` (ingest);
`reload_folder`, `add_article`, `add_url`, `remove_article`, `list_sources`, `SourceInfo`,
`NotFound`, `Interrupted` (admin).
"""
