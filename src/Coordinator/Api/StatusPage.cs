using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AkkaEtl.Coordinator.Api;

/// <summary>The live status page at /: one self-contained HTML file (no build step, no CDN), embedded in the program.</summary>
public static class StatusPage
{
    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(StatusPage).Assembly.GetManifestResourceStream("AkkaEtl.Coordinator.StatusPage.index.html")
                           ?? throw new InvalidOperationException("the status page is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void Map(WebApplication app) =>
        app.MapGet("/", () => Results.Content(Html.Value, "text/html; charset=utf-8"));
}
