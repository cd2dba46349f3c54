using Microsoft.AspNetCore.WebUtilities;

namespace ReviewRoom.Web.Features.Security;

/// <summary>An error status that left the API without a body (a challenge, an unknown route, a wrong method) still answers as problem details.</summary>
internal static class ProblemStatusPages
{
    public static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status401Unauthorized when context.Items[Api.ApiTokenAuthenticationHandler.RefusalKey] is string reason => reason,
            StatusCodes.Status401Unauthorized => "Send a valid API token as 'Authorization: Bearer rr_...' (made on a project's Integrations page), or sign in.",
            StatusCodes.Status403Forbidden => "This caller may not do that.",
            StatusCodes.Status404NotFound => "There is nothing at this address, or this caller cannot see it.",
            StatusCodes.Status405MethodNotAllowed => $"This address does not accept {context.Request.Method}.",
            StatusCodes.Status413PayloadTooLarge => "The request is larger than this server accepts.",
            StatusCodes.Status415UnsupportedMediaType => "The request's Content-Type is not one this address accepts.",
            _ => null,
        };
        return Results.Problem(detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status)).ExecuteAsync(context);
    }
}
