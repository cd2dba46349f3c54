using Microsoft.Playwright;

namespace ReviewRoom.BrowserTests.Takes;

/// <summary>Reads which frame a video shows from its pixels: the frame-index clips spell their frame number in eight stripes.</summary>
public static class PixelFrames
{
    /// <summary>
    /// A function for the page: draws the frame on screen into a canvas and reads the eight stripes back as bits.
    /// Answers -1 while there is no video (a page between two takes has none for a moment) or the video holds nothing
    /// (a player let go of its file, or a new one has not read it yet): an empty video draws as black, which reads as 0.
    /// A video mid-seek still holds a picture and is read as before.
    /// </summary>
    public const string ReadFrameIndex = """
        (selector) => {
          const video = document.querySelector(selector ?? '[data-testid=video]');
          if (!(video instanceof HTMLVideoElement) || video.readyState === HTMLMediaElement.HAVE_NOTHING) return -1;
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
