using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Hosting;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Coordinator.Hosting;
using AkkaEtl.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static AkkaEtl.Messages.DayProtocol;

namespace AkkaEtl.Coordinator.Api;

/// <summary>The request to submit days.</summary>
public sealed record SubmitRequest(string? Table, string? Days, bool Full = false, int Priority = 0);

/// <summary>
/// The coordinator's control endpoint (JSON over HTTP): submit days, see their state. Requests are validated (a
/// malformed day, an unknown table, a range over the limit get 400 with a message); with a token configured every
/// request needs <c>Authorization: Bearer TOKEN</c>.
/// </summary>
public static class ControlApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Messages quote days and names: keep them readable ('x', not \u0027x\u0027).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static void ConfigureJson(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = Json.PropertyNamingPolicy;
            o.SerializerOptions.Encoder = Json.Encoder;
            foreach (var c in Json.Converters) o.SerializerOptions.Converters.Add(c);
        });

    public static void Map(WebApplication app, ApiOptions api, Func<string, bool, int, RunOptions> optionsFor)
    {
        if (api.Token is { } token) app.Use(RequireToken(token));

        app.MapPost("/api/days", async (SubmitRequest request, ActorRegistry registry, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Table)) return Problem("'table' is required");
            if (!api.Tables.Contains(request.Table)) return Problem($"unknown table '{request.Table}' (this server takes: {string.Join(", ", api.Tables)})", 404);
            if (!DayRange.TryParse(request.Days, out var days, out var error)) return Problem(error);
            if (days.Count > api.MaxRangeDays) return Problem($"{days} is {days.Count} days; at most {api.MaxRangeDays} at once");
            var coordinator = await registry.GetAsync<EtlCoordinatorKey>(ct);
            var reply = await coordinator.Ask<object>(new SubmitDays(request.Table, days, optionsFor(request.Table, request.Full, request.Priority)), AskTimeout, ct);
            return reply switch
            {
                SubmitAccepted a => Results.Json(new { table = a.Table, accepted = a.Days, already_active = a.AlreadyActive }, Json, statusCode: 202),
                SubmitRejected r => Problem(r.Reason),
                _ => Problem("unexpected reply", 500),
            };
        });

        app.MapGet("/api/cluster", (ActorSystem system) => Results.Json(ClusterView(Akka.Cluster.Cluster.Get(system)), Json));

        app.MapGet("/api/days", async (string? table, string? days, ActorRegistry registry, CancellationToken ct) =>
        {
            DayRange? range = null;
            if (days is not null)
            {
                if (!DayRange.TryParse(days, out var r, out var error)) return Problem(error);
                range = r;
            }
            var coordinator = await registry.GetAsync<EtlCoordinatorKey>(ct);
            var report = await coordinator.Ask<StatusReport>(new GetStatus(table, range), AskTimeout, ct);
            return Results.Json(report.Days.Select(DayView.Of), Json);
        });
    }

    /// <summary>The cluster as this node sees it: members, their roles and status, and who is unreachable.</summary>
    public static object ClusterView(Akka.Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        return new
        {
            self = cluster.SelfAddress.ToString(),
            leader = state.Leader?.ToString(),
            members = state.Members.Select(m => new
            {
                address = m.Address.ToString(),
                status = m.Status.ToString().ToLowerInvariant(),
                roles = m.Roles.Order(StringComparer.Ordinal).ToArray(),
                reachable = !unreachable.Contains(m.Address),
            }).ToArray(),
        };
    }

    public static IResult Problem(string message, int status = 400) =>
        Results.Json(new { error = message }, Json, statusCode: status);

    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token)
    {
        var expected = Encoding.UTF8.GetBytes("Bearer " + token);
        return async (context, next) =>
        {
            var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new { error = "missing or wrong token (Authorization: Bearer TOKEN)" }, Json);
                return;
            }
            await next(context);
        };
    }
}

/// <summary>A day's status as the API shows it (the record's computed members included).</summary>
public static class DayView
{
    public static object Of(DayStatus s) => new
    {
        s.Table, s.Day, s.State, s.ItemsDone, s.ItemsTotal, s.ItemsFailed, s.Files, s.FilesToProcess, s.FilesDone, s.FilesRemoved,
        s.Incremental, s.InputBytes, s.BytesDone, s.Lines, s.Rows, s.Rejected, s.FieldErrors, s.DuplicatesDropped, s.CommittedRows,
        s.OutputFiles, s.Version, s.Error, s.Warning, s.FailedFiles, s.SubmittedAt, s.StartedAt, s.FinishedAt,
        Seconds = Math.Round(s.Seconds, 3), RecordsPerSecond = Math.Round(s.RecordsPerSecond),
    };
}
