"""Running the pipeline over a corpus: the local (pandas) engine, the Dask engine and the
incremental SQLite claim store.
"""
