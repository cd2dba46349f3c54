using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Web.Features.Webhooks;
using Xunit.Abstractions;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>
/// Hostile input of every kind the app takes, thrown at one running app: media disguises and playlists,
/// odd file names, Markdown bombs and script, malformed and oversize JSON, tus edge cases, hub payloads,
/// webhook addresses and timecode strings. Each case must end in a clear refusal or a safe result; after the
/// whole corpus the server is healthy and nothing that was stored before has changed.
/// </summary>
public sealed class HostileCorpusTests(LiveAppFixture fixture, ITestOutputHelper output) : IClassFixture<LiveAppFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<string> _failures = [];
    private int _cases;

    [Fact]
    public async Task TheWholeCorpus_IsRefusedOrMadeSafe_AndTheServerStaysHealthyWithItsDataUnchanged()
    {
        var before = await SnapshotAsync();
        await using var director = await fixture.SignInAsync(0);
        var (ingestSecret, readSecret) = await TokensAsync();
        using var pipeline = Bearer(ingestSecret);
        using var reader = Bearer(readSecret);
        var shotId = (await pipeline.GetFromJsonAsync<List<ApiShot>>($"/api/v1/projects/{DemoProject.Id}/shots", Json))![0].Id;
        var takeId = await fixture.TakeIdAsync("sh010_v001");

        await MediaDisguisesAsync(pipeline, shotId);
        await TusEdgeCasesAsync(director, shotId);
        await ApiJsonAsync(pipeline, reader, shotId);
        await MarkdownAsync(director, takeId);
        await HubPayloadsAsync(director, takeId);
        await WebhookAddressesAsync();
        await PeopleAndBoardTextAsync();
        await GenerationRequestsAsync();
        TimecodeStrings();

        output.WriteLine($"{_cases} hostile cases");
        Assert.True(_cases >= 150, $"the corpus has only {_cases} cases");
        Assert.True(_failures.Count == 0, string.Join("\n", _failures));
        using var health = await new HttpClient { BaseAddress = fixture.BaseAddress }.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var after = await SnapshotAsync();
        Assert.Equal(before.Stored, after.Stored);
        Assert.Empty(before.Notes.Except(after.Notes)); // new notes may have been written; none that existed changed
    }

    private async Task MediaDisguisesAsync(HttpClient pipeline, Guid shotId)
    {
        var mp4 = await File.ReadAllBytesAsync(IngestSamples.PathOf("h264.mp4"));
        var secret = Directory.EnumerateFiles(fixture.App.MediaFolder, "*.mp4", SearchOption.AllDirectories).First();
        var files = new (string Name, byte[] Bytes)[]
        {
            ("page.mp4", Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>")),
            ("vector.mp4", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")),
            ("list.m3u8", Encoding.UTF8.GetBytes($"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile://{secret}\n#EXT-X-ENDLIST\n")),
            ("remote.m3u8", Encoding.UTF8.GetBytes("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://169.254.169.254/latest/meta-data\n#EXT-X-ENDLIST\n")),
            ("concat.mp4", Encoding.UTF8.GetBytes($"ffconcat version 1.0\nfile '{secret}'\n")),
            ("dash.mpd", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><MPD type=\"static\"><Period><AdaptationSet><Representation><BaseURL>{secret}</BaseURL></Representation></AdaptationSet></Period></MPD>")),
            ("frame%03d.png", [0x89, .. "PNG\r\n\x1a\n"u8.ToArray(), .. new byte[64]]),
            ("photo.mov", [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[200]]),
            ("loop.mp4", [.. "GIF89a"u8.ToArray(), .. new byte[100]]),
            ("sound.mp4", [.. "RIFF"u8.ToArray(), 0, 0, 0, 0, .. "WAVEfmt "u8.ToArray(), .. new byte[64]]),
            ("doc.mp4", [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[100]]),
            ("archive.mp4", [.. "PK\x03\x04"u8.ToArray(), .. new byte[100]]),
            ("program.mp4", [0x7F, .. "ELF"u8.ToArray(), .. new byte[100]]),
            ("noise.mp4", RandomNumberGenerator.GetBytes(4096)),
            ("one-byte.mp4", [0x00]),
            ("half.mp4", mp4[..(mp4.Length / 3)]),
            ("../../../../etc/passwd", Encoding.UTF8.GetBytes("root:x:0:0:root:/root:/bin/bash\n")),
            ("..\\..\\windows\\win.ini", Encoding.UTF8.GetBytes("[fonts]\n")),
            ("name\u0000with-nul.mp4", Encoding.UTF8.GetBytes("text")),
            (new string('a', 5000) + ".mp4", Encoding.UTF8.GetBytes("text")),
            ("\u202Egnp.mp4", Encoding.UTF8.GetBytes("text")),
            ("CON.mp4", Encoding.UTF8.GetBytes("text")),
        };
        var jobs = new List<(string Name, string Location)>();
        foreach (var (name, bytes) in files)
        {
            var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            form.Add(content, "file", "upload");
            form.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("charset", "utf-8"));
            // The name goes in as the uploader typed it, not as .NET would escape it.
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = name };
            using var response = await pipeline.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shotId}/takes", form);
            if (response.StatusCode != HttpStatusCode.Accepted)
                Check($"upload {Printable(name)}", response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}");
            else
                jobs.Add((name, response.Headers.Location!.ToString()));
        }
        foreach (var (name, location) in jobs)
        {
            ApiJob? job = null;
            await Eventually.UntilAsync(async () => (job = await pipeline.GetFromJsonAsync<ApiJob>(location, Json))!.State is "failed" or "succeeded",
                $"the job for {Printable(name)}", TimeSpan.FromSeconds(60));
            Check($"disguise {Printable(name)}", job!.State == "failed" && !job.Error!.Contains(fixture.App.DataFolder) && !job.Error.Contains("/tmp/"),
                $"{job.State}: {job.Error}");
            Check($"disguise name {Printable(name)}", !job.FileName.Contains('/') && !job.FileName.Contains('\\') && !job.FileName.Contains('\0') && job.FileName.Length <= 255,
                job.FileName);
        }
    }

    private async Task TusEdgeCasesAsync(LivePerson director, Guid shotId)
    {
        string Meta(params (string Key, string Value)[] pairs) =>
            string.Join(",", pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));
        var good = Meta(("filename", "a.mp4"), ("projectId", DemoProject.Id.ToString()), ("shotId", shotId.ToString()));
        var creates = new (string Case, string? Length, string? Metadata, string? Version)[]
        {
            ("no length", null, good, "1.0.0"),
            ("negative length", "-1", good, "1.0.0"),
            ("text length", "ten", good, "1.0.0"),
            ("zero length", "0", good, "1.0.0"),
            ("length over the limit", "99999999999999", good, "1.0.0"),
            ("length overflow", "99999999999999999999999", good, "1.0.0"),
            ("no tus version", "10", good, null),
            ("wrong tus version", "10", good, "0.2.2"),
            ("metadata not base64", "10", "filename !!!", "1.0.0"),
            ("no filename", "10", Meta(("projectId", DemoProject.Id.ToString()), ("shotId", shotId.ToString())), "1.0.0"),
            ("project not an id", "10", Meta(("filename", "a.mp4"), ("projectId", "../../etc"), ("shotId", shotId.ToString())), "1.0.0"),
            ("unknown project", "10", Meta(("filename", "a.mp4"), ("projectId", Guid.NewGuid().ToString()), ("shotId", shotId.ToString())), "1.0.0"),
            ("unknown shot", "10", Meta(("filename", "a.mp4"), ("projectId", DemoProject.Id.ToString()), ("shotId", Guid.NewGuid().ToString())), "1.0.0"),
            ("generation not JSON", "10", Meta(("filename", "a.mp4"), ("projectId", DemoProject.Id.ToString()), ("shotId", shotId.ToString()), ("generation", "{not json")), "1.0.0"),
            ("generation deep", "10", Meta(("filename", "a.mp4"), ("projectId", DemoProject.Id.ToString()), ("shotId", shotId.ToString()),
                ("generation", "{\"parameters\":" + string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 61))), "1.0.0"),
            ("generation unknown field", "10", Meta(("filename", "a.mp4"), ("projectId", DemoProject.Id.ToString()), ("shotId", shotId.ToString()), ("generation", "{\"__proto__\":1}")), "1.0.0"),
        };
        foreach (var (name, length, metadata, version) in creates)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads");
            if (length is not null)
                request.Headers.TryAddWithoutValidation("Upload-Length", length);
            if (metadata is not null)
                request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);
            if (version is not null)
                request.Headers.Add("Tus-Resumable", version);
            using var response = await director.Http.SendAsync(request);
            await CheckProblemAsync($"tus create: {name}", response);
        }

        var tus = new TusClient(director.Http);
        var upload = await tus.CreateOrThrowAsync(100, new Dictionary<string, string> { ["filename"] = "edge.mp4", ["projectId"] = DemoProject.Id.ToString(), ["shotId"] = shotId.ToString() });
        var patches = new (string Case, string Path, string? Offset, string? ContentType, byte[] Body)[]
        {
            ("wrong offset", upload.ToString(), "50", "application/offset+octet-stream", new byte[10]),
            ("negative offset", upload.ToString(), "-1", "application/offset+octet-stream", new byte[10]),
            ("offset not a number", upload.ToString(), "zero", "application/offset+octet-stream", new byte[10]),
            ("no offset", upload.ToString(), null, "application/offset+octet-stream", new byte[10]),
            ("wrong content type", upload.ToString(), "0", "application/json", new byte[10]),
            ("past the length", upload.ToString(), "0", "application/offset+octet-stream", new byte[500]),
            ("unknown upload", "/api/v1/uploads/" + Guid.NewGuid().ToString("N"), "0", "application/offset+octet-stream", new byte[10]),
            ("traversal id", "/api/v1/uploads/..%2F..%2Fappsettings", "0", "application/offset+octet-stream", new byte[10]),
            ("uppercase id", "/api/v1/uploads/" + Guid.NewGuid().ToString("N").ToUpperInvariant(), "0", "application/offset+octet-stream", new byte[10]),
        };
        foreach (var (name, path, offset, contentType, body) in patches)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new ByteArrayContent(body) };
            request.Headers.Add("Tus-Resumable", "1.0.0");
            if (offset is not null)
                request.Headers.TryAddWithoutValidation("Upload-Offset", offset);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await director.Http.SendAsync(request);
            await CheckProblemAsync($"tus patch: {name}", response);
        }
        Check("tus: upload intact after the edge cases", await tus.OffsetAsync(upload) == 0, "offset moved");
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/uploads/" + Guid.NewGuid().ToString("N")))
        {
            delete.Headers.Add("Tus-Resumable", "1.0.0");
            using var response = await director.Http.SendAsync(delete);
            await CheckProblemAsync("tus delete: unknown upload", response);
        }
    }

    private async Task ApiJsonAsync(HttpClient pipeline, HttpClient reader, Guid shotId)
    {
        var bodies = new (string Case, string Body, string ContentType)[]
        {
            ("not JSON", "{code:", "application/json"),
            ("empty body", "", "application/json"),
            ("array", "[1,2,3]", "application/json"),
            ("string", "\"SH100\"", "application/json"),
            ("null", "null", "application/json"),
            ("no code", "{}", "application/json"),
            ("blank code", "{\"code\":\"   \"}", "application/json"),
            ("code too long", $"{{\"code\":\"{new string('S', 65)}\"}}", "application/json"),
            ("code with control characters", "{\"code\":\"SH\\u0000100\"}", "application/json"),
            ("code with a direction override", "{\"code\":\"SH\\u202E001\"}", "application/json"),
            ("code a number", "{\"code\":100}", "application/json"),
            ("scene too long", $"{{\"code\":\"SH101\",\"sceneLabel\":\"{new string('x', 201)}\"}}", "application/json"),
            ("description too long", $"{{\"code\":\"SH102\",\"description\":\"{new string('x', 4001)}\"}}", "application/json"),
            ("deeply nested", "{\"code\":" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "}", "application/json"),
            ("form instead of JSON", "code=SH103", "application/x-www-form-urlencoded"),
            ("XML", "<shot><code>SH104</code></shot>", "application/xml"),
            ("duplicate existing code", "{\"code\":\"SH010\"}", "application/json"),
        };
        foreach (var (name, body, type) in bodies)
        {
            using var response = await pipeline.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots", new StringContent(body, Encoding.UTF8, type));
            await CheckProblemAsync($"shot: {name}", response);
        }
        using (var asReader = await reader.PostAsJsonAsync($"/api/v1/projects/{DemoProject.Id}/shots", new { code = "SH105" }))
            await CheckProblemAsync("shot: read token", asReader);

        var generations = new (string Case, string Json)[]
        {
            ("not JSON", "{nope"),
            ("oversize", "{\"prompt\":\"" + new string('p', 300_000) + "\"}"),
            ("negative credits", "{\"credits\":-5}"),
            ("parameters a string", "{\"parameters\":\"steps=30\"}"),
            ("parent not an id", "{\"parentTakeId\":\"../x\",\"relation\":\"reroll\"}"),
            ("unknown relation", "{\"relation\":\"sequel\"}"),
            ("seed overflow", "{\"seed\":99999999999999999999999}"),
        };
        var mp4 = await File.ReadAllBytesAsync(IngestSamples.PathOf("h264.mp4"));
        foreach (var (name, generation) in generations)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(mp4), "file", "take.mp4" }, { new StringContent(generation), "generation" } };
            using var response = await pipeline.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shotId}/takes", form);
            await CheckProblemAsync($"generation: {name}", response);
        }
        var forms = new (string Case, HttpContent Content)[]
        {
            ("no file part", new MultipartFormDataContent { { new StringContent("{}"), "generation" } }),
            ("empty file", new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.mp4" } }),
            ("not multipart", new StringContent("just bytes", Encoding.UTF8, "video/mp4")),
            ("multipart without boundary", new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data")),
        };
        foreach (var (name, content) in forms)
        {
            using var response = await pipeline.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shotId}/takes", content);
            await CheckProblemAsync($"upload form: {name}", response);
        }
        foreach (var path in new[] { "/api/v1/takes/not-a-guid", "/api/v1/takes/%00", "/api/v1/projects/../../appsettings.json", $"/api/v1/takes/{Guid.NewGuid()}/files/..%2F..%2Fappsettings.json" })
        {
            using var response = await pipeline.GetAsync(path);
            Check($"path {path}", !response.IsSuccessStatusCode || !(await response.Content.ReadAsStringAsync()).Contains("ConnectionString"), $"{(int)response.StatusCode}");
        }
    }

    private async Task MarkdownAsync(LivePerson director, Guid takeId)
    {
        var notes = new[]
        {
            new string('>', 10_000) + " quote bomb",
            string.Concat(Enumerable.Repeat("- ", 5_000)) + "list bomb",
            string.Concat(Enumerable.Repeat("[", 5_000)) + "link bomb" + string.Concat(Enumerable.Repeat("](x)", 2_000)),
            string.Concat(Enumerable.Repeat("*a **b ", 1_400)),
            string.Concat(Enumerable.Repeat("`", 9_000)),
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(document.cookie))",
            "[click](JAVASCRIPT:alert(1))",
            "[click](java\tscript:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](vbscript:msgbox(1))",
            "<a href=\"https://x\" onmouseover=\"alert(1)\">hover</a>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "<form action=\"https://evil.example\"><input name=p></form>",
            "![pixel](https://tracker.example/p.gif)",
            "<details open ontoggle=alert(1)>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "```html\n<script>alert(1)</script>\n```",
            "| a | b |\n|---|---|\n| <script>x</script> | [y](javascript:z) |",
            "@{00000000-0000-0000-0000-000000000000} unknown mention",
            "&lt;script&gt; already escaped &amp;",
            "\u202E reversed text \u202C and \u0000 nul",
            "[x](https://example.com \"title\\\" onmouseover=alert(1)\")",
            "<base href=\"https://evil.example/\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "[a](#\" onclick=\"alert(1))",
        };
        var renderer = fixture.App.Services.GetRequiredService<MarkdownRenderer>();
        await using var hub = director.CreateHubConnection();
        await hub.StartAsync();
        foreach (var body in notes)
        {
            var name = $"markdown {Printable(body)[..Math.Min(40, Printable(body).Length)]}";
            try
            {
                var note = await hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 1, null, body, null));
                Check(name, IsSafe(renderer.ToHtml(note.Body, _ => "someone")), renderer.ToHtml(note.Body, _ => "someone"));
            }
            catch (HubException refused)
            {
                Check(name, !refused.Message.Contains("Failed to invoke") && !refused.Message.Contains("Something went wrong"), refused.Message);
            }
        }
        using var page = await director.Http.GetAsync($"/takes/{takeId}");
        Check("take page with every hostile note", page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}");
    }

    private async Task HubPayloadsAsync(LivePerson director, Guid takeId)
    {
        await using var hub = director.CreateHubConnection();
        await hub.StartAsync();
        foreach (var row in HubAbuseTests.Malformed)
        {
            var (method, arguments) = ((string)row[0], (object?[])row[1]);
            var failed = await Record.ExceptionAsync(() => hub.InvokeCoreAsync<object?>(method, arguments));
            Check($"hub {method}({arguments.Length})", failed is HubException refused && !refused.Message.Contains("Failed to invoke"), failed?.Message ?? "accepted");
        }
        var extra = new (string Method, object?[] Arguments)[]
        {
            (nameof(ReviewHub.AddNote), [new { takeId, frameIn = 1, frameOut = 0, body = "out before in" }]),
            (nameof(ReviewHub.AddNote), [new { takeId, frameIn = 99_999, body = "past the end" }]),
            (nameof(ReviewHub.AddNote), [new { takeId, frameIn = 1, body = "   " }]),
            (nameof(ReviewHub.AddNote), [new { takeId, frameIn = 1, body = "x", idempotencyKey = new string('k', 65) }]),
            (nameof(ReviewHub.ReplyToNote), [new { parentNoteId = Guid.NewGuid(), body = "to nothing" }]),
            (nameof(ReviewHub.Circle), [new { shotId = Guid.NewGuid(), takeId, confirmNotApproved = true, reason = new string('r', 1_001) }]),
            (nameof(ReviewHub.Decide), [new { takeId, kind = "Approve", comment = new string('c', 2_001), atFrame = 1 }]),
            (nameof(ReviewHub.SetPresence), [Guid.NewGuid(), takeId, 1, false]),
            (nameof(ReviewHub.GetNotes), [Guid.Empty]),
            (nameof(ReviewHub.GetEventsAfter), [Guid.NewGuid(), 0]),
        };
        foreach (var (method, arguments) in extra)
        {
            var failed = await Record.ExceptionAsync(() => hub.InvokeCoreAsync<object?>(method, arguments));
            Check($"hub {method} edge", failed is HubException refused && !refused.Message.Contains("Failed to invoke") && !refused.Message.Contains("Something went wrong"),
                failed?.Message ?? "accepted");
        }
    }

    private async Task WebhookAddressesAsync()
    {
        var director = await DirectorAsync();
        var commands = fixture.App.Services.GetRequiredService<WebhookCommands>();
        var urls = new[]
        {
            "http://127.0.0.1/", "http://localhost/", "http://2130706433/", "http://0x7f000001/", "http://017700000001/", "http://127.1/",
            "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
            "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.0.1/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[fe80::1]/",
            "file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "ftp://example.com/", "javascript:alert(1)", "not a url", "",
        };
        foreach (var url in urls)
        {
            var failed = await Record.ExceptionAsync(() => commands.AddAsync(director, DemoProject.Id, url, "whsec_corpus_secret_0123456789", [WebhookEvents.TakeApproved]));
            Check($"webhook {url}", failed is DomainException, failed?.GetType().Name ?? "accepted");
        }
    }

    /// <summary>Names, codes, notes and addresses people type into the People page, invitations and board upkeep.</summary>
    private async Task PeopleAndBoardTextAsync()
    {
        var given = new ReviewRoom.IntegrationTests.Scenario(fixture.App.Services);
        var (projectId, shotId, director) = await given.ProjectAsync();
        var board = fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Projects.BoardCommands>();
        var members = fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Members.MemberCommands>();
        var refused = new[]
        {
            "", "   ", "\u202Eevil", "bell\u0007", "null\0byte", "line\nbreak", new string('x', 10_000), "zero\u2066width",
        };
        foreach (var text in refused)
        {
            var shot = await Record.ExceptionAsync(() => board.EditShotAsync(director.Principal, projectId, shotId, text, "", ""));
            Check($"shot code {Printable(text)}", shot is DomainException, shot?.GetType().Name ?? "accepted");
            var project = await Record.ExceptionAsync(() => board.DescribeProjectAsync(director.Principal, projectId, text, ""));
            Check($"project name {Printable(text)}", project is DomainException, project?.GetType().Name ?? "accepted");
        }
        foreach (var note in refused.Where(t => t.Trim().Length > 0))
        {
            var invite = await Record.ExceptionAsync(() => members.InviteAsync(director.Principal, projectId, ProjectRole.Writer, note, TimeSpan.FromDays(1), true));
            Check($"invitation note {Printable(note)}", invite is DomainException, invite?.GetType().Name ?? "accepted");
        }
        var addresses = new[]
        {
            "victim@studio.test\r\nBcc: everyone@studio.test", "<script>@x.y", "@studio.test", "nobody", new string('a', 300) + "@studio.test",
            "\"quoted\"@studio.test\r\n", "dana@studio.test, wes@studio.test", "=?utf-8?B?PHNjcmlwdD4=?=@x.y",
        };
        foreach (var address in addresses)
        {
            var mail = await Record.ExceptionAsync(() => members.InviteAsync(director.Principal, projectId, ProjectRole.Writer, "", TimeSpan.FromDays(1), true,
                new Uri("https://review.studio.test/"), address));
            Check($"invitation email {Printable(address)}", mail is DomainException, mail?.GetType().Name ?? "accepted");
            var add = await Record.ExceptionAsync(() => members.AddExistingAsync(director.Principal, projectId, address, ProjectRole.Writer));
            Check($"member email {Printable(address)}", add is DomainException, add?.GetType().Name ?? "accepted");
        }
        foreach (var role in new[] { (ProjectRole)(-1), (ProjectRole)99 })
        {
            var invite = await Record.ExceptionAsync(() => members.InviteAsync(director.Principal, projectId, role, "", TimeSpan.FromDays(1), true));
            Check($"invitation role {(int)role}", invite is DomainException, invite?.GetType().Name ?? "accepted");
        }
        foreach (var secret in new[] { "", "inv_", "inv_../../etc/passwd", "inv_" + new string('A', 5000), "inv_' OR 1=1 --", "inv_%00", "INV_" + new string('a', 43) })
        {
            var preview = await members.PreviewAsync(secret);
            Check($"invitation secret {Printable(secret)}", preview is null, "previewed");
            var accept = await Record.ExceptionAsync(() => members.AcceptAsync(director.Principal, secret));
            Check($"accept secret {Printable(secret)}", accept is DomainException, accept?.GetType().Name ?? "accepted");
        }
        // Text that is only text is kept as typed (and shown escaped wherever it appears).
        await board.EditShotAsync(director.Principal, projectId, shotId, "<script>alert(1)</script>", "'; DROP TABLE Shots; --", "<img src=x onerror=alert(1)>");
        var stored = (await fixture.App.Services.GetRequiredService<ProjectQueries>().GetBoardAsync(projectId))!.Shots.Single();
        Check("shot code kept as text", stored.Code == "<script>alert(1)</script>", stored.Code);
    }

    private void TimecodeStrings()
    {
        var rates = new[] { FrameRate.Parse("24"), FrameRate.Parse("30000/1001"), FrameRate.Parse("25") };
        var strings = new[]
        {
            "", "   ", "99:99:99:99", "-00:00:01:00", "00:00:00:24", "00:00:00;30", "00:01:00;00", "0:0:0:0:0", "00:00:00",
            "٠٠:٠٠:٠١:٠٠", "00:00:01:0a", "NaN", "1e9", "00:00:01:00\0", new string('9', 100_000), "'; DROP TABLE Notes; --",
            "00：00：01：00", "2147483647:00:00:00", "00:00:01:00 ", "\u202E00:00:01:00",
        };
        foreach (var rate in rates)
            foreach (var text in strings)
            {
                _cases++;
                try
                {
                    if (!Timecode.TryParse(text, rate, out _, out var error) && error.Length > 300)
                        _failures.Add($"timecode {Printable(text)[..Math.Min(20, text.Length)]}: message of {error.Length} characters");
                }
                catch (Exception ex)
                {
                    _failures.Add($"timecode {Printable(text)[..Math.Min(20, text.Length)]} at {rate}: {ex.GetType().Name}");
                }
            }
    }

    private static bool IsSafe(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        var elements = document.Body!.QuerySelectorAll("*");
        return !elements.Any(e => e.LocalName is "script" or "img" or "iframe" or "style" or "svg" or "math" or "object" or "embed" or "form" or "base" or "meta" or "input")
            && !elements.Any(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            && !elements.Any(e => e.GetAttribute("href") is { } href && !href.StartsWith("https:") && !href.StartsWith("http:") && !href.StartsWith("mailto:"));
    }

    private async Task CheckProblemAsync(string name, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Check(name, status is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && !body.Contains(fixture.App.DataFolder) && !body.Contains("   at "), $"{status} {response.Content.Headers.ContentType?.MediaType} {body[..Math.Min(200, body.Length)]}");
    }

    /// <summary>What a person types into the request form, and what a pipeline sends back about a request.</summary>
    private async Task GenerationRequestsAsync()
    {
        var given = new ReviewRoom.IntegrationTests.Scenario(fixture.App.Services);
        var (projectId, shotId, director) = await given.ProjectAsync();
        var parent = await given.TakeAsync(projectId, shotId, director.UserId);
        var commands = fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Generation.GenerationCommands>();
        ReviewRoom.Web.Features.Generation.GenerationAsk Ask(int count = 1, string prompt = "p", string? seeds = null, string? parameters = null, string? model = null,
            IReadOnlyCollection<Guid>? notes = null) =>
            new(parent, count, TakeRelation.ReRoll, prompt, null, seeds is null ? ReviewRoom.Core.Generation.SeedChoice.New : ReviewRoom.Core.Generation.SeedChoice.List,
                seeds, parameters, notes ?? [], model);
        var asks = new (string Case, ReviewRoom.Web.Features.Generation.GenerationAsk Ask)[]
        {
            ("no takes", Ask(count: 0)), ("nine takes", Ask(count: 9)), ("minus one take", Ask(count: -1)), ("int.MaxValue takes", Ask(count: int.MaxValue)),
            ("prompt too long", Ask(prompt: new string('p', 20_001))),
            ("model with a newline", Ask(model: "veo\nSet-Cookie: x")), ("model too long", Ask(model: new string('m', 201))),
            ("seed overflow", Ask(seeds: "99999999999999999999999")), ("negative seed", Ask(seeds: "-1")), ("seed as hex", Ask(seeds: "0x10")),
            ("seed script", Ask(seeds: "<script>")), ("too many seeds", Ask(seeds: "1,2")), ("seed with a null", Ask(seeds: "1\0")),
            ("parameters array", Ask(parameters: "[]")), ("parameters string", Ask(parameters: "\"x\"")), ("parameters broken", Ask(parameters: "{\"a\":")),
            ("parameters too deep", Ask(parameters: new string('[', 40) + new string(']', 40))),
            ("parameters too large", Ask(parameters: "{\"a\":\"" + new string('x', 70_000) + "\"}")),
            ("a note of no take", Ask(notes: [Guid.NewGuid()])),
        };
        foreach (var (name, ask) in asks)
        {
            var refused = await Record.ExceptionAsync(() => commands.RequestAsync(director.Principal, ask));
            Check($"request: {name}", refused is DomainException && !refused.Message.Contains("Exception", StringComparison.Ordinal), refused?.GetType().Name ?? "accepted");
        }
        // A pipeline's reports on a request it holds: bad values are refused with a 400, never stored.
        var requestId = await commands.RequestAsync(director.Principal, Ask(prompt: "<script>alert(1)</script> {{7*7}} %{frame_num}"));
        var (_, secret) = await fixture.App.Services.GetRequiredService<ApiTokenCommands>().CreateAsync(director.Principal, projectId, "hostile", ApiTokenScope.ReadIngest);
        using var pipeline = Bearer(secret);
        var path = $"/api/v1/projects/{projectId}/generation-requests/{requestId}";
        using (var claim = await pipeline.PostAsync($"{path}/claim", null))
            Check("claim the hostile request", claim.StatusCode == HttpStatusCode.OK, $"{(int)claim.StatusCode}");
        foreach (var body in new[]
                 {
                     """{"progress": -0.1}""", """{"progress": 1.0000001}""", """{"progress": "half"}""", """{"progress": 1e400}""", """{"progress": null}""",
                     """{"progress": 0.5, "message": "bell\u0007"}""", $$"""{"progress": 0.5, "message": "{{new string('m', 201)}}"}""", "[1]", "{", "",
                 })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await pipeline.PostAsync($"{path}/progress", content);
            Check($"progress {Printable(body)}", response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        }
        foreach (var body in new[] { """{"reason": ""}""", """{"reason": "   "}""", """{}""", $$"""{"reason": "{{new string('r', 1001)}}"}""", """{"reason": "nul\u0000byte"}""" })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await pipeline.PostAsync($"{path}/fail", content);
            Check($"fail {Printable(body)}", response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        }
        var stored = (await fixture.App.Services.GetRequiredService<GenerationQueries>().GetAsync(requestId))!;
        Check("hostile reports left the request as it was", stored.State == ReviewRoom.Core.Generation.GenerationRequestState.Claimed && stored.Progress == 0
            && stored.ProgressMessage is null, $"{stored.State} {stored.Progress} {stored.ProgressMessage}");
        foreach (var state in new[] { "<script>", "open,'--", new string('s', 5000) })
        {
            using var response = await pipeline.GetAsync($"/api/v1/projects/{projectId}/generation-requests?state={Uri.EscapeDataString(state)}");
            Check($"list state {Printable(state)}", response.StatusCode == HttpStatusCode.BadRequest && !(await response.Content.ReadAsStringAsync()).Contains("<script>", StringComparison.Ordinal),
                $"{(int)response.StatusCode}");
        }
    }

    private void Check(string name, bool safe, string detail)
    {
        _cases++;
        if (!safe)
            _failures.Add($"{name}: {detail}");
    }

    private static string Printable(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).Take(60).ToArray());

    private HttpClient Bearer(string secret) => fixture.BearerClient(secret);

    private async Task<(string Ingest, string Read)> TokensAsync()
    {
        var commands = fixture.App.Services.GetRequiredService<ApiTokenCommands>();
        var director = await DirectorAsync();
        var (_, ingest) = await commands.CreateAsync(director, DemoProject.Id, "corpus ingest", ApiTokenScope.ReadIngest);
        var (_, read) = await commands.CreateAsync(director, DemoProject.Id, "corpus read", ApiTokenScope.Read);
        return (ingest, read);
    }

    private Task<Actor> DirectorAsync() => fixture.MemberAsync(ProjectRole.Director);

    /// <summary>What the demo project held before the corpus ran: shots, takes and their media, notes, by content.</summary>
    private async Task<(string Stored, IReadOnlyList<string> Notes)> SnapshotAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var shots = await db.Shots.AsNoTracking().Where(s => s.ProjectId == DemoProject.Id).OrderBy(s => s.Id).Select(s => $"{s.Id}|{s.Code}|{s.SceneLabel}|{s.Description}").ToListAsync();
        var takes = await db.Takes.AsNoTracking().Where(t => db.Shots.Any(s => s.Id == t.ShotId && s.ProjectId == DemoProject.Id)).OrderBy(t => t.Id).Select(t => $"{t.Id}|{t.MediaPath}|{t.DurationFrames}|{t.Generation.Prompt}").ToListAsync();
        var notes = await db.Notes.AsNoTracking().OrderBy(n => n.Id).Select(n => $"{n.Id}|{n.Body}|{n.Version}").ToListAsync();
        var media = Directory.EnumerateFiles(Path.Combine(fixture.App.MediaFolder, "demo"), "*", SearchOption.AllDirectories)
            .Order().Select(f => $"{f}|{new FileInfo(f).Length}");
        return (string.Join("\n", shots.Concat(takes).Concat(media)), notes);
    }
}
