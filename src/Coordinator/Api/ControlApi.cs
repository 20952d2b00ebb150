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

/// <summary>A node, for leave and down.</summary>
public sealed record AddressRequest(string? Address);

/// <summary>
/// The coordinator's control endpoint (JSON over HTTP): submit days, see their state. Requests are validated (a
/// malformed day, an unknown table, a range over the limit get 400 with a message); with a token configured every
/// request needs <c>Authorization: Bearer TOKEN</c>, except the status page's HTML (which then asks for the token).
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

    public static void Map(WebApplication app, ApiOptions api, Func<string, bool, int, RunOptions> optionsFor, WarehouseAccess warehouse)
    {
        if (api.Token is { } token) app.Use(RequireToken(token));
        StatusPage.Map(app);
        MetricsEndpoint.Map(app);
        CatalogEndpoints.Map(app, warehouse, api.Tables);

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

        app.MapPost("/api/days/{table}/{day}/retry", (string table, string day, ActorRegistry registry, CancellationToken ct) =>
            DayCommand(table, day, registry, (t, d) => new RetryDay(t, d), ct));

        app.MapPost("/api/days/{table}/{day}/cancel", (string table, string day, ActorRegistry registry, CancellationToken ct) =>
            DayCommand(table, day, registry, (t, d) => new CancelDay(t, d), ct));

        app.MapGet("/api/errors", async (ActorRegistry registry, CancellationToken ct) =>
        {
            var coordinator = await registry.GetAsync<EtlCoordinatorKey>(ct);
            var errors = await coordinator.Ask<RecentErrors>(GetRecentErrors.Instance, AskTimeout, ct);
            return Results.Json(errors.Errors, Json);
        });

        app.MapGet("/api/cluster", (ActorSystem system) => Results.Json(ClusterView(Akka.Cluster.Cluster.Get(system)), Json));

        app.MapPost("/api/cluster/leave", (AddressRequest request, ActorSystem system) => MemberCommand(request, system, (c, a) => c.Leave(a), "leaving"));

        app.MapPost("/api/cluster/down", (AddressRequest request, ActorSystem system) => MemberCommand(request, system, (c, a) => c.Down(a), "downed"));

        app.MapGet("/api/shards", async (ActorRegistry registry, CancellationToken ct) =>
        {
            var region = await registry.GetAsync<AkkaEtl.Hosting.WorkItemRegion>(ct);
            var stats = await region.Ask<Akka.Cluster.Sharding.ClusterShardingStats>(
                new Akka.Cluster.Sharding.GetClusterShardingStats(TimeSpan.FromSeconds(5)), AskTimeout, ct);
            return Results.Json(new
            {
                regions = stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).Select(r => new
                {
                    node = r.Key.ToString(),
                    shards = r.Value.Stats.Count,
                    entities = r.Value.Stats.Values.Sum(),
                    failed = r.Value.Failed.Count,
                    by_shard = r.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value),
                }),
            }, Json);
        });

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

    private static async Task<IResult> DayCommand(string table, string day, ActorRegistry registry, Func<string, string, object> command, CancellationToken ct)
    {
        if (!CatalogKeys.IsValidTableName(table)) return Problem($"'{table}' is not a table name");
        if (!DayRange.TryParseDay(day, out _)) return Problem($"'{day}' is not a day (expected YYYY-MM-DD)");
        var coordinator = await registry.GetAsync<EtlCoordinatorKey>(ct);
        var result = await coordinator.Ask<CommandResult>(command(table, day), AskTimeout, ct);
        return result.Ok ? Results.Json(new { message = result.Message }, Json, statusCode: 202) : Problem(result.Message, 409);
    }

    private static IResult MemberCommand(AddressRequest request, ActorSystem system, Action<Akka.Cluster.Cluster, Address> command, string done)
    {
        Address address;
        try { address = Address.Parse(request.Address ?? ""); }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            return Problem($"'{request.Address}' is not a node address (akka.tcp://akkaetl@host:port)");
        }
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (cluster.State.Members.All(m => m.Address != address)) return Problem($"{address} is not a member", 404);
        command(cluster, address);
        return Results.Json(new { message = $"{address} {done}" }, Json, statusCode: 202);
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
            // The status page itself holds no data: it must load without the token, so that it can ask for it.
            if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                await next(context);
                return;
            }
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
