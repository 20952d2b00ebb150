namespace AkkaEtl.Messages;

/// <summary>Marks the messages that may cross nodes; they are bound to <see cref="Hosting.EtlMessageSerializer"/>.</summary>
public interface IEtlMessage;
