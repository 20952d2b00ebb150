using System.Net;

namespace AkkaEtl.Glue;

/// <summary>A Glue call that failed: the service's error code (<c>EntityNotFoundException</c>, ...) and its message.</summary>
public sealed class GlueException : Exception
{
    public const string EntityNotFound = "EntityNotFoundException";
    public const string AlreadyExists = "AlreadyExistsException";

    public GlueException(string operation, string errorCode, string message, HttpStatusCode? statusCode = null, Exception? inner = null)
        : base($"Glue {operation} failed: {errorCode}: {message}", inner)
    {
        Operation = operation;
        ErrorCode = errorCode;
        ServiceMessage = message;
        StatusCode = statusCode;
    }

    /// <summary>The Glue operation, e.g. <c>GetTable</c>.</summary>
    public string Operation { get; }

    /// <summary>The bare error code, without the namespace prefix some services add (<c>EntityNotFoundException</c>).</summary>
    public string ErrorCode { get; }

    /// <summary>The service's own message.</summary>
    public string ServiceMessage { get; }

    /// <summary>The HTTP status, when the error came from a response.</summary>
    public HttpStatusCode? StatusCode { get; }

    public bool IsEntityNotFound => ErrorCode == EntityNotFound;
    public bool IsAlreadyExists => ErrorCode == AlreadyExists;
}
