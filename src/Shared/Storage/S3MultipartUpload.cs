using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace AkkaEtl.Storage;

/// <summary>
/// Uploads one local file as one object in parts (low-level API: initiate, parts with bounded parallelism, complete).
/// The object appears only at CompleteMultipartUpload, all at once. On any failure or cancellation the remaining
/// parts are stopped, awaited, and the upload is aborted, so no incomplete upload (and no stored part) is left.
/// </summary>
internal static class S3MultipartUpload
{
    /// <summary>How long an abort may take when the caller's token is already cancelled.</summary>
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(60);

    public static async Task UploadAsync(IAmazonS3 s3, S3Settings settings, string bucket, string key, string localPath, long length, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // Not cancellable: a cancelled initiate could still create an upload on the server that we would never know of.
        var init = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, CancellationToken.None)
            .ConfigureAwait(false);
        var uploadId = init.UploadId;
        try
        {
            ct.ThrowIfCancellationRequested();
            var partSize = settings.PartSizeFor(length);
            var partCount = (int)((length + partSize - 1) / partSize);
            var parts = new UploadPartResponse[partCount];
            var options = new ParallelOptions { MaxDegreeOfParallelism = settings.UploadParallelism, CancellationToken = ct };
            // On the first failure the loop cancels the other parts and waits for them before it throws.
            await Parallel.ForEachAsync(Enumerable.Range(1, partCount), options, async (number, token) =>
            {
                var offset = (number - 1) * partSize;
                parts[number - 1] = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = uploadId,
                    PartNumber = number,
                    FilePath = localPath,
                    FilePosition = offset,
                    PartSize = Math.Min(partSize, length - offset),
                }, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

            var complete = new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId };
            complete.AddPartETags(parts);
            await s3.CompleteMultipartUploadAsync(complete, ct).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await AbortAsync(s3, bucket, key, uploadId, failure).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task AbortAsync(IAmazonS3 s3, string bucket, string key, string uploadId, Exception failure)
    {
        using var timeout = new CancellationTokenSource(AbortTimeout);
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, timeout.Token)
                .ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // NoSuchUpload: already completed or aborted.
        }
        catch (Exception e)
        {
            // The original failure is what the caller needs; the leftover upload is named beside it.
            failure.Data["AkkaEtl.S3.AbortFailed"] = $"s3://{bucket}/{key} upload {uploadId} could not be aborted: {e.Message}";
        }
    }
}
