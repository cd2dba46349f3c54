using Microsoft.Playwright;

namespace ReviewRoom.BrowserTests.Takes;

/// <summary>Reads which frame a video shows from its pixels: the frame-index clips spell their frame number in eight stripes.</summary>
public static class PixelFrames
{
    /// <summary>
    /// A function for the page: draws the frame on screen into a canvas and reads the eight stripes back as bits.
    /// Answers -1 while there is no video (a page between two takes has none for a moment), so a wait keeps waiting.
    /// </summary>
    public const string ReadFrameIndex = """
        (selector) => {
          const video = document.querySelector(selector ?? '[data-testid=video]');
          if (!(video instanceof HTMLVideoElement)) return -1;
          const canvas = document.createElement('canvas');
          canvas.width = 256; canvas.height = 64;
          const context = canvas.getContext('2d', { willReadFrequently: true });
          context.drawImage(video, 0, 0, 256, 64);
          let index = 0;
          for (let bit = 0; bit < 8; bit++) {
            if (context.getImageData(bit * 32 + 16, 32, 1, 1).data[1] > 128) index |= 1 << bit;
          }
          return index;
        }
        """;

    /// <summary>Waits (bounded) until the video shows <paramref name="frame"/>.</summary>
    public static Task ExpectAsync(IPage page, string videoSelector, long frame) =>
        page.WaitForFunctionAsync($"([selector, expected]) => ({ReadFrameIndex})(selector) === expected", new object[] { videoSelector, frame },
            new PageWaitForFunctionOptions { Timeout = 10_000 });

    public static Task<int> ReadAsync(IPage page, string videoSelector) =>
        page.EvaluateAsync<int>($"(selector) => ({ReadFrameIndex})(selector)", videoSelector);
}
