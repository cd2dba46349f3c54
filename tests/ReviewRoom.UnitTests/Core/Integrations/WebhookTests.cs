using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;

namespace ReviewRoom.UnitTests.Core.Integrations;

public class WebhookTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Sign_KnownVector_MatchesHmacSha256OverTimestampDotBody()
    {
        // Computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac whsec_0123456789abcdef
        Assert.Equal("t=1700000000,v1=d0c329a0542d1a8e66b0b5503cf2d2f8f8e174c98224b843c11f74ea14c341e9", Webhook.Sign("whsec_0123456789abcdef", 1700000000, "{}"));
    }

    [Fact]
    public void Fail_RetriesAfterGrowingWaits_ThenGivesUp()
    {
        var delivery = new WebhookDelivery(Guid.NewGuid(), Guid.NewGuid(), WebhookEvents.TakeApproved, "{}", Now);
        var waits = new List<TimeSpan>();
        while (delivery.State == WebhookDeliveryState.Pending)
        {
            delivery.Fail(503, "busy", TimeSpan.FromSeconds(10), Now);
            if (delivery.State == WebhookDeliveryState.Pending)
                waits.Add(delivery.NextAttemptAt - Now);
        }

        Assert.Equal([10, 40, 160, 640, 2560], waits.Select(w => (int)w.TotalSeconds));
        Assert.Equal((WebhookDelivery.MaxAttempts, 503, "busy"), (delivery.Attempts, delivery.LastStatusCode!.Value, delivery.LastError));
    }

    [Fact]
    public void Redeliver_IsANewPendingDeliveryWithTheSameBody()
    {
        var delivery = new WebhookDelivery(Guid.NewGuid(), Guid.NewGuid(), WebhookEvents.ShotCircled, """{"a":1}""", Now);
        delivery.Succeed(200, Now);

        var again = delivery.Redeliver(Now.AddHours(1));

        Assert.NotEqual(delivery.Id, again.Id);
        Assert.Equal((WebhookDeliveryState.Pending, 0, delivery.Body), (again.State, again.Attempts, again.Body));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative/hook")]
    public void New_BadUrl_IsRefused(string url)
    {
        Assert.Throws<DomainException>(() => new Webhook(Guid.NewGuid(), url, Webhook.NewSecret(), [WebhookEvents.TakeApproved], Guid.NewGuid(), Now));
    }

    [Fact]
    public void New_UnknownEventOrShortSecret_IsRefused()
    {
        Assert.Throws<DomainException>(() => new Webhook(Guid.NewGuid(), "https://x.test/h", Webhook.NewSecret(), ["take.exploded"], Guid.NewGuid(), Now));
        Assert.Throws<DomainException>(() => new Webhook(Guid.NewGuid(), "https://x.test/h", "short", [WebhookEvents.TakeApproved], Guid.NewGuid(), Now));
        Assert.Throws<DomainException>(() => new Webhook(Guid.NewGuid(), "https://x.test/h", Webhook.NewSecret(), [], Guid.NewGuid(), Now));
    }

    [Fact]
    public void AnAttempt_IsClaimedByOneNode_UntilItsLeaseRunsOutOrItIsRecorded()
    {
        var delivery = new WebhookDelivery(Guid.NewGuid(), Guid.NewGuid(), WebhookEvents.NoteCreated, "{}", Now);
        Assert.True(delivery.IsDue(Now));

        delivery.Claim(Now, TimeSpan.FromSeconds(40));
        Assert.False(delivery.IsDue(Now.AddSeconds(39)));
        Assert.Throws<ReviewRoom.Core.DomainException>(() => delivery.Claim(Now.AddSeconds(1), TimeSpan.FromSeconds(40)));
        Assert.True(delivery.IsDue(Now.AddSeconds(41)), "a node that died mid-attempt leaves it to another");

        delivery.Fail(503, "busy", TimeSpan.FromSeconds(10), Now.AddSeconds(2));
        Assert.Null(delivery.LeaseExpiresAt);
        Assert.False(delivery.IsDue(Now.AddSeconds(3)));
        Assert.True(delivery.IsDue(Now.AddSeconds(13)));
        delivery.Claim(Now.AddSeconds(13), TimeSpan.FromSeconds(40));
        delivery.Succeed(200, Now.AddSeconds(14));
        Assert.False(delivery.IsDue(Now.AddHours(1)));
    }
}
