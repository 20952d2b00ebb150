using System.Text.Json.Serialization;

namespace AkkaEtl.Glue;

// Request and response bodies of the operations GlueClient calls, and the serializer context for them.

internal sealed record GetDatabaseRequest(string Name);
internal sealed record GetDatabaseResponse(GlueDatabase? Database);
internal sealed record CreateDatabaseRequest(GlueDatabaseInput DatabaseInput);
internal sealed record GetTableRequest(string DatabaseName, string Name);
internal sealed record GetTableResponse(GlueTable? Table);
internal sealed record CreateTableRequest(string DatabaseName, GlueTableInput TableInput);
internal sealed record UpdateTableRequest(string DatabaseName, GlueTableInput TableInput);
internal sealed record BatchCreatePartitionRequest(string DatabaseName, string TableName, IReadOnlyList<GluePartitionInput> PartitionInputList);
internal sealed record BatchCreatePartitionResponse(IReadOnlyList<GluePartitionError>? Errors);
internal sealed record BatchUpdatePartitionRequest(string DatabaseName, string TableName, IReadOnlyList<GluePartitionUpdate> Entries);
internal sealed record BatchUpdatePartitionFailure(IReadOnlyList<string>? PartitionValueList, GlueErrorDetail? ErrorDetail);
internal sealed record BatchUpdatePartitionResponse(IReadOnlyList<BatchUpdatePartitionFailure>? Errors);
internal sealed record GetPartitionsRequest(string DatabaseName, string TableName, string? Expression, string? NextToken, int? MaxResults);
internal sealed record GetPartitionsResponse(IReadOnlyList<GluePartition>? Partitions, string? NextToken);
internal sealed record EmptyResponse;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetDatabaseRequest))]
[JsonSerializable(typeof(GetDatabaseResponse))]
[JsonSerializable(typeof(CreateDatabaseRequest))]
[JsonSerializable(typeof(GetTableRequest))]
[JsonSerializable(typeof(GetTableResponse))]
[JsonSerializable(typeof(CreateTableRequest))]
[JsonSerializable(typeof(UpdateTableRequest))]
[JsonSerializable(typeof(BatchCreatePartitionRequest))]
[JsonSerializable(typeof(BatchCreatePartitionResponse))]
[JsonSerializable(typeof(BatchUpdatePartitionRequest))]
[JsonSerializable(typeof(BatchUpdatePartitionResponse))]
[JsonSerializable(typeof(GetPartitionsRequest))]
[JsonSerializable(typeof(GetPartitionsResponse))]
[JsonSerializable(typeof(EmptyResponse))]
internal sealed partial class GlueJsonContext : JsonSerializerContext;
