using Bunit;
using ReviewRoom.Core.Time;
using ReviewRoom.Web.Features.Takes.Components;

namespace ReviewRoom.UnitTests.Web.Takes;

public class TimecodeDisplayTests : MudComponentTest
{
    [Fact]
    public void Render_At2997_ShowsDropFrameTimecodeAndFrameNumber()
    {
        var component = Render<TimecodeDisplay>(p => p
            .Add(c => c.Frame, 1800)
            .Add(c => c.Rate, FrameRate.Fps29_97)
            .Add(c => c.DurationFrames, 3600));

        Assert.Equal("00:01:00;02", component.Find("[data-testid=timecode]").TextContent);
        Assert.Equal("1800", component.Find("[data-testid=frame-number]").TextContent);
        Assert.Contains("/ 3599", component.Markup);
    }

    [Fact]
    public void Render_NewFrame_UpdatesBothReadouts()
    {
        var component = Render<TimecodeDisplay>(p => p
            .Add(c => c.Frame, 23)
            .Add(c => c.Rate, FrameRate.Fps23_976));

        component.Render(p => p.Add(c => c.Frame, 24));

        Assert.Equal("00:00:01:00", component.Find("[data-testid=timecode]").TextContent);
        Assert.Equal("24", component.Find("[data-testid=frame-number]").TextContent);
    }
}
