using System.Text.Json.Nodes;

namespace Flagwork.Kubernetes.Tests.FakeApiServer;

/// <summary>
/// An error as the API server reports it: HTTP status plus a <c>Status</c> object (kind Status, status Failure, reason,
/// code, message, details). The messages are the API server's own wording.
/// </summary>
internal sealed class ApiStatus(int code, string reason, string message, string? name = null)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public string Message { get; } = message;

    public static ApiStatus NotFound(string name) => new(404, "NotFound", $"secrets \"{name}\" not found", name);

    public static ApiStatus AlreadyExists(string name) => new(409, "AlreadyExists", $"secrets \"{name}\" already exists", name);

    public static ApiStatus Conflict(string name) => new(
        409,
        "Conflict",
        $"Operation cannot be fulfilled on secrets \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
        name);

    public static ApiStatus BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiStatus Invalid(string name, string detail) => new(422, "Invalid", $"Secret \"{name}\" is invalid: {detail}", name);

    public static ApiStatus Expired(string requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    public static ApiStatus InternalError(int code) => new(code, "InternalError", "Internal error occurred: injected failure");

    public JsonObject ToJson()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (name is not null)
        {
            status["details"] = new JsonObject { ["name"] = name, ["kind"] = "secrets" };
        }

        status["code"] = Code;
        return status;
    }
}

/// <summary>What a registry operation returned: an object (with the HTTP status to send) or an error status.</summary>
internal readonly record struct ApiResult(int Code, JsonObject? Body, ApiStatus? Error)
{
    public static implicit operator ApiResult(ApiStatus error) => new(error.Code, null, error);

    public static ApiResult Ok(JsonObject body, int code = 200) => new(code, body, null);
}
