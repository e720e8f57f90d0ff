from ingest.services.analysis import clips_expire, track_analyse, track_give_up
from ingest.services.embeddings import embedding_standardiser, embedding_stats_fit
from ingest.services.jobs import (
    ingest_job_fail,
    ingest_job_fetch,
    ingest_job_finish_if_complete,
    ingest_job_start,
    ingest_jobs_resume,
    ingest_tracks_settled,
    tracks_outdated_reopen,
)

__all__ = [
    "clips_expire",
    "embedding_standardiser",
    "embedding_stats_fit",
    "ingest_job_fail",
    "ingest_job_fetch",
    "ingest_job_finish_if_complete",
    "ingest_job_start",
    "ingest_jobs_resume",
    "ingest_tracks_settled",
    "track_analyse",
    "track_give_up",
    "tracks_outdated_reopen",
]
