using System.Net;
using System.Text.RegularExpressions;

namespace ReviewRoom.TestHost;

/// <summary>
/// Fills in a server-rendered form the way a browser without script would: reads the page for its
/// antiforgery token, then posts the named form with the given fields (cookies kept by the client).
/// </summary>
public static partial class StaticForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
            throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
