using System.Collections.Concurrent;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using AkkaEtl.Messages;

namespace AkkaEtl.Hosting;

/// <summary>
/// JSON for every message that crosses nodes (<see cref="IEtlMessage"/>): readable, versionable by field, and no
/// default-serializer warnings. Only types that are <see cref="IEtlMessage"/> are ever instantiated from a manifest.
/// </summary>
public sealed class EtlMessageSerializer : SerializerWithStringManifest
{
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions _options;

    public EtlMessageSerializer(ExtendedActorSystem system) : base(system)
    {
        _options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            Converters = { new ActorRefConverter(system), new JsonStringEnumConverter() },
        };
    }

    public override int Identifier => 7711;

    public override string Manifest(object o) => o.GetType().FullName!;

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, Resolve(manifest), _options)
        ?? throw new SerializationException($"null message for {manifest}");

    private static Type Resolve(string manifest) => Types.GetOrAdd(manifest, m =>
    {
        var type = typeof(IEtlMessage).Assembly.GetType(m);
        if (type is null || !typeof(IEtlMessage).IsAssignableFrom(type))
            throw new SerializationException($"unknown message type {m}");
        return type;
    });

    private sealed class ActorRefConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
    {
        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var path = reader.GetString();
            return string.IsNullOrEmpty(path) ? ActorRefs.Nobody : system.Provider.ResolveActorRef(path);
        }

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
    }
}
