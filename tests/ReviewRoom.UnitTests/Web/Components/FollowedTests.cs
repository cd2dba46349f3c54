using Microsoft.Extensions.Time.Testing;
using ReviewRoom.Web.Components;

namespace ReviewRoom.UnitTests.Web.Components;

public class FollowedTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task ChangesPouringIn_AreToldTheFirstAtOnce_AndTheRestTogetherAtTheEndOfTheInterval()
    {
        var clock = new FakeTimeProvider();
        var value = new Followed<string>("none", Interval, clock);
        var seen = new List<string>();
        using var _ = value.Follow(() => { seen.Add(value.Current); return Task.CompletedTask; });

        await value.SetAsync("first");
        Assert.Equal(["first"], seen);

        clock.Advance(TimeSpan.FromMilliseconds(30));
        await value.SetAsync("second");
        await value.SetAsync("third");
        Assert.Equal(["first"], seen);
        Assert.Equal("third", value.Current);

        clock.Advance(TimeSpan.FromMilliseconds(69));
        Assert.Equal(["first"], seen);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["first", "third"], seen);

        // Changes after a quiet interval are told at once again.
        clock.Advance(Interval);
        await value.SetAsync("after a pause");
        Assert.Equal(["first", "third", "after a pause"], seen);
    }

    [Fact]
    public async Task WithoutAnInterval_EveryChangeIsToldAsItHappens_AndTheSameValueNever()
    {
        var value = new Followed<string>("none");
        var told = 0;
        using var _ = value.Follow(() => { told++; return Task.CompletedTask; });

        await value.SetAsync("a");
        await value.SetAsync("b");
        await value.SetAsync(value.Current);

        Assert.Equal(2, told);
    }
}
