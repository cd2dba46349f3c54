using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Web.Features.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>The largest file one upload may bring (bytes). 20 GiB by default: a few minutes of ProRes 4444.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>How many files are turned into takes at once; each runs one ffmpeg.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <summary>
    /// How long a node holds a job it is working on before other nodes take it for dead and queue the job again. The node
    /// renews it three times per lease while it works; after a crash the job resumes within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan JobLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An upload nobody has added to for this long is removed with its bytes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan UnfinishedUploadLifetime { get; set; } = TimeSpan.FromDays(1);
}
