using System.Globalization;
using Microsoft.Playwright;
using ReviewRoom.TestHost;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// How closely a session's followers show the presenter's frame. A presenter and two followers (three browser contexts)
/// watch the clips whose pixels spell their frame index; every page records, for each frame its browser presents, the
/// frame read from the pixels and when it went up on screen (one clock: the three pages share this machine). While the
/// presenter plays, each follower's frame is compared with the presenter's at the same instant; after each seek, the
/// time until each follower shows the frame is compared with the time the presenter's own screen took (the baseline).
/// </summary>
internal static class SessionSync
{
    private const int ClipFrames = 250;

    // Records every presented frame: its index read from the stripes, and its display time on the shared clock.
    private const string Sampler = """
        (selector) => {
          if (window.__sampling) { window.__samples = []; return; }
          window.__sampling = true;
          const video = document.querySelector(selector);
          const canvas = document.createElement('canvas');
          canvas.width = 256; canvas.height = 64;
          const context = canvas.getContext('2d', { willReadFrequently: true });
          window.__samples = [];
          const onFrame = (now, metadata) => {
            context.drawImage(video, 0, 0, 256, 64);
            let index = 0;
            for (let bit = 0; bit < 8; bit++) if (context.getImageData(bit * 32 + 16, 32, 1, 1).data[1] > 128) index |= 1 << bit;
            window.__samples.push([performance.timeOrigin + metadata.expectedDisplayTime, index]);
            video.requestVideoFrameCallback(onFrame);
          };
          video.requestVideoFrameCallback(onFrame);
        }
        """;

    private sealed record Sample(double At, int Frame);

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        Console.WriteLine($"ReviewRoom session sync benchmark: a presenter and two followers, {rounds} seeks and 8 s of play per rate");
        using var app = new ReviewRoomAppFactory();
        var baseAddress = app.StartOnFreePort();
        var made = await FrameIndexTakes.CreateAsync(app.Services, app.DataFolder, ClipFrames);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        Console.WriteLine();
        Console.WriteLine("| rate | spread while playing: p95 / max (frames) | same frame | spread after the first second: p95 / max | follower frame after a seek: p95 | presenter's own screen: p95 | ratio |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var rate in new[] { "24000/1001", "30000/1001" })
        {
            var presenter = await OpenAsync(browser, baseAddress, "director", made.TakeByRate[rate]);
            var followers = new[] { await OpenAsync(browser, baseAddress, "writer", made.TakeByRate[rate]), await OpenAsync(browser, baseAddress, "vfxlead", made.TakeByRate[rate]) };
            await presenter.GetByTestId("session-start").ClickAsync();
            foreach (var page in followers)
            {
                await page.GetByTestId("session-join").ClickAsync();
                await page.Locator("[data-testid=session][data-mode=follow]").WaitForAsync();
            }
            var play = await MeasurePlayAsync(presenter, followers);
            var seeks = await MeasureSeeksAsync(presenter, followers, rounds);
            Console.WriteLine(FormattableString.Invariant(
                $"| {rate} | {Percentile(play.All, 95):0} / {play.All.DefaultIfEmpty().Max():0} | {play.SameShare:P0} | {Percentile(play.Steady, 95):0} / {play.Steady.DefaultIfEmpty().Max():0} | {Percentile(seeks.Followers, 95):0} ms | {Percentile(seeks.Presenter, 95):0} ms | {Percentile(seeks.Followers, 95) / Math.Max(1, Percentile(seeks.Presenter, 95)):0.0} |"));
            await presenter.GetByTestId("session-end").ClickAsync();
            foreach (var page in followers.Append(presenter))
                await page.Context.CloseAsync();
        }
        return 0;
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri baseAddress, string role, Guid takeId)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByTestId($"demo-signin-{role}").ClickAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.GotoAsync($"/takes/{takeId}");
        await page.Locator("[data-testid=player][data-ready=true]").WaitForAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();
        return page;
    }

    private sealed record PlayResult(List<double> All, List<double> Steady, double SameShare);

    /// <summary>Plays 8 s from the first frame and compares each follower frame with the presenter's frame on screen at that instant.</summary>
    private static async Task<PlayResult> MeasurePlayAsync(IPage presenter, IPage[] followers)
    {
        await presenter.EvaluateAsync("() => document.querySelector('[data-testid=video]').reviewPlayer.seekToFrame(0)");
        foreach (var page in followers.Append(presenter))
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=frame-number]').textContent === '0'");
        foreach (var page in followers.Append(presenter))
            await page.EvaluateAsync(Sampler, "[data-testid=video]");
        var startedAt = await presenter.EvaluateAsync<double>("() => { const v = document.querySelector('[data-testid=video]'); v.reviewPlayer.togglePlay(); return performance.timeOrigin + performance.now(); }");
        await presenter.WaitForTimeoutAsync(8_000);
        await presenter.EvaluateAsync("() => document.querySelector('[data-testid=video]').reviewPlayer.pause()");

        var lead = await SamplesAsync(presenter);
        var all = new List<double>();
        var steady = new List<double>();
        var same = 0;
        var playedFrom = lead.FirstOrDefault(s => s.Frame > 0)?.At ?? startedAt;
        var playedTo = lead.LastOrDefault()?.At ?? startedAt;
        foreach (var page in followers)
        {
            foreach (var sample in (await SamplesAsync(page)).Where(s => s.At >= playedFrom && s.At <= playedTo))
            {
                // The presenter's screen at that instant: the last frame it put up before or at it.
                var shown = lead.LastOrDefault(s => s.At <= sample.At);
                if (shown is null)
                    continue;
                var spread = Math.Abs(sample.Frame - shown.Frame);
                all.Add(spread);
                if (spread == 0)
                    same++;
                if (sample.At >= playedFrom + 1000)
                    steady.Add(spread);
            }
        }
        return new PlayResult(all, steady, all.Count == 0 ? 0 : (double)same / all.Count);
    }

    private sealed record SeekResult(List<double> Followers, List<double> Presenter);

    /// <summary>Seeks the paused presenter to frames spread over the take and times how long until each screen shows the frame.</summary>
    private static async Task<SeekResult> MeasureSeeksAsync(IPage presenter, IPage[] followers, int rounds)
    {
        var random = new Random(27);
        var result = new SeekResult([], []);
        var last = -1;
        for (var i = 0; i < rounds; i++)
        {
            int target;
            do
            {
                target = random.Next(0, ClipFrames);
            }
            while (Math.Abs(target - last) < 5);
            last = target;
            foreach (var page in followers.Append(presenter))
                await page.EvaluateAsync(Sampler, "[data-testid=video]");
            var seekAt = await presenter.EvaluateAsync<double>(
                "(f) => { const at = performance.timeOrigin + performance.now(); document.querySelector('[data-testid=video]').reviewPlayer.seekToFrame(f); return at; }", target);
            result.Presenter.Add(await ShownAtAsync(presenter, target) - seekAt);
            foreach (var page in followers)
                result.Followers.Add(await ShownAtAsync(page, target) - seekAt);
        }
        return result;
    }

    private static async Task<double> ShownAtAsync(IPage page, int frame)
    {
        await page.WaitForFunctionAsync("(f) => window.__samples.some(s => s[1] === f)", frame, new PageWaitForFunctionOptions { Timeout = 10_000 });
        return (await SamplesAsync(page)).First(s => s.Frame == frame).At;
    }

    private static async Task<List<Sample>> SamplesAsync(IPage page) =>
        (await page.EvaluateAsync<double[][]>("() => window.__samples")).Select(s => new Sample(s[0], (int)s[1])).ToList();

    /// <summary>0 rather than NaN when nothing was measured: the table reads "0 ms" for a side that never moved.</summary>
    private static double Percentile(List<double> values, int percentile) =>
        values.Count == 0 ? 0 : Statistics.Percentile([.. values.Order()], percentile);
}
