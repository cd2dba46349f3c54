using ReviewRoom.Core.Rooms;

namespace ReviewRoom.UnitTests.Core.Rooms;

public class RoomCursorTests
{
    [Fact]
    public void EventsInSequence_AreEachTheNext()
    {
        var cursor = new RoomCursor();
        cursor.ReadAt(41);

        Assert.Equal([RoomStep.Next, RoomStep.Next, RoomStep.Next], new[] { 42L, 43, 44 }.Select(cursor.Step));
        Assert.Equal(44, cursor.AsOf);
    }

    [Fact]
    public void EventsTheReadAlreadyReflects_OrThatComeTwice_AreSeen()
    {
        var cursor = new RoomCursor();
        cursor.ReadAt(41);

        Assert.Equal(RoomStep.AlreadySeen, cursor.Step(40));
        Assert.Equal(RoomStep.AlreadySeen, cursor.Step(41));
        Assert.Equal(RoomStep.Next, cursor.Step(42));
        Assert.Equal(RoomStep.AlreadySeen, cursor.Step(42));
    }

    [Fact]
    public void AMissingEvent_IsAGap_AndTheCursorGoesOnFromTheLaterOne()
    {
        var cursor = new RoomCursor();
        cursor.ReadAt(41);

        Assert.Equal(RoomStep.AfterAGap, cursor.Step(44));
        Assert.Equal(RoomStep.AlreadySeen, cursor.Step(43));
        Assert.Equal(RoomStep.Next, cursor.Step(45));
    }

    [Fact]
    public void ReadingAgainAfterAGap_NeverGoesBack_ButAFreshReadStartsOver()
    {
        var cursor = new RoomCursor();
        cursor.ReadAt(10);
        cursor.Step(20);

        cursor.ReadAgainAt(15);
        Assert.Equal(20, cursor.AsOf);
        cursor.ReadAgainAt(23);
        Assert.Equal(23, cursor.AsOf);
        cursor.ReadAt(3);
        Assert.Equal(RoomStep.Next, cursor.Step(4));
    }
}
