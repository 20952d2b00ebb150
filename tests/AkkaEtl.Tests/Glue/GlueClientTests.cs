using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using AkkaEtl.Glue;

namespace AkkaEtl.Tests.Glue;

[Collection(GlueMotoCollection.Name)]
public sealed partial class GlueClientTests(GlueMotoFixture moto)
{
    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=test/(?<date>\d{8})/us-east-1/glue/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationShape();

    [Fact]
    public async Task Requests_are_json_1_1_and_sigv4_signed()
    {
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        using var client = moto.CreateClient(http);
        var db = GlueMotoFixture.UniqueDatabase();

        await client.CreateDatabaseAsync(new GlueDatabaseInput { Name = db });

        var request = Assert.Single(recorder.For("CreateDatabase"));
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Equal("/", request.Uri.AbsolutePath);
        var auth = AuthorizationShape().Match(request.Headers["Authorization"]);
        Assert.True(auth.Success, "Authorization header has not the SigV4 shape");
        var amzDate = request.Headers["X-Amz-Date"];
        Assert.Equal(amzDate[..8], auth.Groups["date"].Value);
        Assert.Equal("content-type;host;x-amz-date;x-amz-target", auth.Groups["signed"].Value);
        Assert.Equal($"{{\"DatabaseInput\":{{\"Name\":\"{db}\"}}}}", request.Body);

        // An independent SigV4 computation over what was sent gives the same signature.
        Assert.Equal(ExpectedSignature(request, "test", auth.Groups["signed"].Value), auth.Groups["sig"].Value);
    }

    [Fact]
    public async Task Session_credentials_sign_the_security_token()
    {
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        using var client = new GlueClient(moto.Settings with { Credentials = new SessionAWSCredentials("test", "secret-key", "session-token") }, http);

        await Assert.ThrowsAsync<GlueException>(() => client.GetDatabaseAsync("missing_" + Guid.NewGuid().ToString("N")[..8]));

        var request = recorder.Requests.First();
        Assert.Equal("session-token", request.Headers["X-Amz-Security-Token"]);
        var auth = AuthorizationShape().Match(request.Headers["Authorization"]);
        Assert.True(auth.Success);
        Assert.Equal("content-type;host;x-amz-date;x-amz-security-token;x-amz-target", auth.Groups["signed"].Value);
        Assert.Equal(ExpectedSignature(request, "secret-key", auth.Groups["signed"].Value), auth.Groups["sig"].Value);
        Assert.DoesNotContain("secret-key", string.Concat(request.Headers.Values));
    }

    [Fact]
    public async Task A_missing_table_is_EntityNotFoundException()
    {
        using var client = moto.CreateClient();
        var db = GlueMotoFixture.UniqueDatabase();
        await client.CreateDatabaseAsync(new GlueDatabaseInput { Name = db });

        var e = await Assert.ThrowsAsync<GlueException>(() => client.GetTableAsync(db, "no_such_table"));

        Assert.Equal("EntityNotFoundException", e.ErrorCode);
        Assert.True(e.IsEntityNotFound);
        Assert.Equal("GetTable", e.Operation);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Contains("no_such_table", e.ServiceMessage);

        var dbMissing = await Assert.ThrowsAsync<GlueException>(() => client.GetDatabaseAsync(GlueMotoFixture.UniqueDatabase()));
        Assert.True(dbMissing.IsEntityNotFound);
        var exists = await Assert.ThrowsAsync<GlueException>(() => client.CreateDatabaseAsync(new GlueDatabaseInput { Name = db }));
        Assert.True(exists.IsAlreadyExists);
    }

    [Fact]
    public async Task GetPartitions_filters_by_expression()
    {
        using var client = moto.CreateClient();
        var db = GlueMotoFixture.UniqueDatabase();
        await new GlueTableRegistrar(client).RegisterAsync(db, "jobs", "s3://bucket/wh/jobs/", AkkaEtl.Features.JobColumns.All,
            ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02"]);

        var feb = await client.GetPartitionsAsync(db, "jobs", "day_partition >= '2024-02-01'");
        Assert.Equal(["2024-02-01", "2024-02-02"], feb.Select(p => p.Values.Single()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetPartitions_follows_NextToken()
    {
        var stub = new StubGlueHandler((op, call, body) =>
        {
            var token = JsonDocument.Parse(body).RootElement.TryGetProperty("NextToken", out var t) ? t.GetString() : null;
            return token switch
            {
                null => StubGlueHandler.Json(HttpStatusCode.OK, """{"Partitions":[{"Values":["2024-01-01"]},{"Values":["2024-01-02"]}],"NextToken":"page2"}"""),
                "page2" => StubGlueHandler.Json(HttpStatusCode.OK, """{"Partitions":[{"Values":["2024-01-03"]}],"NextToken":"page3"}"""),
                _ => StubGlueHandler.Json(HttpStatusCode.OK, """{"Partitions":[{"Values":["2024-01-04"],"CreationTime":1.7E9}]}"""),
            };
        });
        using var http = new HttpClient(stub);
        using var client = new GlueClient(StubSettings, http);

        var partitions = await client.GetPartitionsAsync("db", "jobs", "day_partition >= '2024-01-01'");

        Assert.Equal(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"], partitions.Select(p => p.Values.Single()));
        Assert.Equal(3, stub.Calls);
        Assert.All(stub.Bodies, b => Assert.Equal("day_partition >= '2024-01-01'", JsonDocument.Parse(b).RootElement.GetProperty("Expression").GetString()));
    }

    [Theory]
    [InlineData(500, """{"__type":"InternalServiceException","message":"boom"}""")]
    [InlineData(400, """{"__type":"com.amazonaws.glue#ThrottlingException","message":"Rate exceeded"}""")]
    [InlineData(429, "")]
    [InlineData(503, "<html>Service Unavailable</html>")]
    public async Task Throttling_and_server_errors_are_retried(int status, string body)
    {
        var stub = new StubGlueHandler((_, call, _) => call < 3
            ? StubGlueHandler.Json((HttpStatusCode)status, body)
            : StubGlueHandler.Json(HttpStatusCode.OK, """{"Table":{"Name":"jobs","DatabaseName":"db"}}"""));
        using var http = new HttpClient(stub);
        using var client = new GlueClient(StubSettings, http);

        var table = await client.GetTableAsync("db", "jobs");

        Assert.Equal("jobs", table.Name);
        Assert.Equal(3, stub.Calls);
    }

    [Fact]
    public async Task Retries_stop_after_MaxAttempts_with_the_last_error()
    {
        var stub = new StubGlueHandler((_, _, _) => StubGlueHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""));
        using var http = new HttpClient(stub);
        using var client = new GlueClient(StubSettings with { MaxAttempts = 3 }, http);

        var e = await Assert.ThrowsAsync<GlueException>(() => client.GetTableAsync("db", "jobs"));

        Assert.Equal("ThrottlingException", e.ErrorCode);
        Assert.Equal(3, stub.Calls);
    }

    [Theory]
    [InlineData("""{"__type":"AccessDeniedException","Message":"not allowed"}""", "AccessDeniedException", "not allowed")]
    [InlineData("""{"__type":"InvalidInputException:http://internal.amazon.com/coral/com.amazonaws.glue/","message":"bad"}""", "InvalidInputException", "bad")]
    public async Task Client_errors_are_not_retried_and_keep_code_and_message(string body, string code, string message)
    {
        var stub = new StubGlueHandler((_, _, _) => StubGlueHandler.Json(HttpStatusCode.BadRequest, body));
        using var http = new HttpClient(stub);
        using var client = new GlueClient(StubSettings, http);

        var e = await Assert.ThrowsAsync<GlueException>(() => client.CreateTableAsync("db", new GlueTableInput { Name = "jobs" }));

        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(message, e.ServiceMessage);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported()
    {
        int closedPort;
        using (var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            closedPort = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        using var client = new GlueClient(StubSettings with { Endpoint = new Uri($"http://127.0.0.1:{closedPort}/"), MaxAttempts = 2 });

        var e = await Assert.ThrowsAsync<GlueException>(() => client.GetDatabaseAsync("db"));

        Assert.Equal(GlueRetryPolicy.RequestFailed, e.ErrorCode);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task BatchCreatePartition_reports_failures_other_than_already_exists()
    {
        var stub = new StubGlueHandler((_, _, _) => StubGlueHandler.Json(HttpStatusCode.OK, """
            {"Errors":[
              {"PartitionValues":["2024-01-01"],"ErrorDetail":{"ErrorCode":"AlreadyExistsException","ErrorMessage":"exists"}},
              {"PartitionValues":["2024-01-02"],"ErrorDetail":{"ErrorCode":"InvalidInputException","ErrorMessage":"bad"}}]}
            """));
        using var http = new HttpClient(stub);
        using var client = new GlueClient(StubSettings, http);
        var definition = new GlueTableDefinition("jobs", "s3://bucket/wh/jobs/", AkkaEtl.Features.JobColumns.All);

        var result = await client.BatchCreatePartitionAsync("db", "jobs", [definition.PartitionInput("2024-01-01"), definition.PartitionInput("2024-01-02")]);

        Assert.False(result.Succeeded);
        Assert.Equal("2024-01-01", Assert.Single(result.AlreadyExisting).PartitionValues.Single());
        Assert.Equal("InvalidInputException", Assert.Single(result.Failed).ErrorDetail.ErrorCode);
        Assert.Equal(1, result.Requests);
    }

    private static GlueSettings StubSettings => new()
    {
        Region = "us-east-1",
        Endpoint = new Uri("http://127.0.0.1:9/"),
        Credentials = new BasicAWSCredentials("test", "test"),
        BaseRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>SigV4 from the AWS documentation, written out here to check the client's signer against.</summary>
    private static string ExpectedSignature(RecordedRequest request, string secret, string signedHeaders)
    {
        var amzDate = request.Headers["X-Amz-Date"];
        var date = amzDate[..8];
        var canonicalHeaders = string.Concat(signedHeaders.Split(';').Select(h => $"{h}:{(h == "host" ? request.Uri.Authority : request.Headers[h]).Trim()}\n"));
        var canonicalRequest = $"POST\n{request.Uri.AbsolutePath}\n\n{canonicalHeaders}\n{signedHeaders}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)))}";
        var scope = $"{date}/us-east-1/glue/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in new[] { date, "us-east-1", "glue", "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
