package dev.flywheel.ingest.rest;

import java.time.Instant;
import java.util.List;

/**
 * Where an upload job stands: its state ({@code queued}, {@code running}, {@code done}, {@code failed}),
 * progress in bytes and rows, rate and estimated time left, the counts so far, the first rejections
 * with their reasons, and the error that ended it when it failed.
 *
 * @param totalBytes  the file's size (always known: the file is on disk before processing starts)
 * @param percent     bytes read out of the total, 0-100
 * @param etaSeconds  time left at the rate so far; null until the rate is known
 */
public record UploadStatus(String id, String pipeline, String kind, String format, String fileName, String state,
                           long bytesRead, long totalBytes, double percent, long rowsRead, int accepted,
                           int rejected, double rowsPerSecond, Long etaSeconds, Instant createdAt,
                           Instant startedAt, Instant finishedAt, List<IngestReport.RecordResult> rejections,
                           String error) {
}
