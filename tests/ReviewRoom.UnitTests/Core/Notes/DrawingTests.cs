using System.Text.Json;
using ReviewRoom.Core;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.UnitTests.Core.Notes;

public sealed class DrawingTests
{
    private static DrawingShape Arrow(double x1 = 0.2, double y1 = 0.3, double x2 = 0.6, double y2 = 0.7) =>
        new(DrawingTool.Arrow, [new(x1, y1), new(x2, y2)], "#ff3b30", 6);

    [Fact]
    public void AValidDrawing_IsKept_WithPointsRoundedAndColoursInLowerCase()
    {
        var drawing = Drawing.Validate(new Drawing(
        [
            Arrow(0.123456789, 0.5),
            new DrawingShape(DrawingTool.Rectangle, [new(0.1, 0.1), new(0.4, 0.3)], "#FFCC00", 3),
            new DrawingShape(DrawingTool.Pen, [new(0.1, 0.1), new(0.15, 0.12), new(0.2, 0.2)], "#0a84ff", 12),
            new DrawingShape(DrawingTool.Text, [new(0.5, 0.5)], "#ffffff", 6, "  sky flickers  "),
        ]))!;

        Assert.Equal(4, drawing.Shapes.Count);
        Assert.Equal(0.1235, drawing.Shapes[0].Points[0].X);
        Assert.Equal("#ffcc00", drawing.Shapes[1].Color);
        Assert.Equal("sky flickers", drawing.Shapes[3].Text);
    }

    [Fact]
    public void NoShapes_IsNoDrawing()
    {
        Assert.Null(Drawing.Validate(null));
        Assert.Null(Drawing.Validate(new Drawing([])));
    }

    [Fact]
    public void AStrokeThatRanJustPastTheEdge_IsPulledOntoThePicture()
    {
        var drawing = Drawing.Validate(new Drawing([Arrow(-0.02, 0.5, 1.03, 0.5)]))!;

        Assert.Equal(new DrawingPoint(0, 0.5), drawing.Shapes[0].Points[0]);
        Assert.Equal(new DrawingPoint(1, 0.5), drawing.Shapes[0].Points[1]);
    }

    public static TheoryData<string, Drawing> Hostile => new()
    {
        { "outside the picture", new Drawing([Arrow(5, 0.5)]) },
        { "outside the picture", new Drawing([Arrow(double.NaN, 0.5)]) },
        { "outside the picture", new Drawing([Arrow(0.5, double.PositiveInfinity)]) },
        { "two points", new Drawing([new DrawingShape(DrawingTool.Rectangle, [new(0.1, 0.1)], "#ff3b30", 6)]) },
        { "one point", new Drawing([new DrawingShape(DrawingTool.Text, [new(0.1, 0.1), new(0.2, 0.2)], "#ff3b30", 6, "hi")]) },
        { "from 1 to 1000 points", new Drawing([new DrawingShape(DrawingTool.Pen, [], "#ff3b30", 6)]) },
        { "from 1 to 1000 points", new Drawing([new DrawingShape(DrawingTool.Pen, [.. Enumerable.Repeat(new DrawingPoint(0.5, 0.5), 1001)], "#ff3b30", 6)]) },
        { "at most 5000 points", new Drawing([.. Enumerable.Range(0, 6).Select(_ => new DrawingShape(DrawingTool.Pen, [.. Enumerable.Repeat(new DrawingPoint(0.5, 0.5), 1000)], "#ff3b30", 6))]) },
        { "at most 100 marks", new Drawing([.. Enumerable.Range(0, 101).Select(_ => Arrow())]) },
        { "not one of the drawing colours", new Drawing([new DrawingShape(DrawingTool.Line, [new(0, 0), new(1, 1)], "red;background:url(x)", 6)]) },
        { "not one of the drawing colours", new Drawing([new DrawingShape(DrawingTool.Line, [new(0, 0), new(1, 1)], null!, 6)]) },
        { "thin, medium or thick", new Drawing([new DrawingShape(DrawingTool.Line, [new(0, 0), new(1, 1)], "#ff3b30", 5000)]) },
        { "needs some text", new Drawing([new DrawingShape(DrawingTool.Text, [new(0.5, 0.5)], "#ff3b30", 6, "   ")]) },
        { "at most 200 characters", new Drawing([new DrawingShape(DrawingTool.Text, [new(0.5, 0.5)], "#ff3b30", 6, new string('x', 201))]) },
        { "one line of plain characters", new Drawing([new DrawingShape(DrawingTool.Text, [new(0.5, 0.5)], "#ff3b30", 6, "a\nb")]) },
        { "not one the tools make", new Drawing([new DrawingShape((DrawingTool)42, [new(0, 0), new(1, 1)], "#ff3b30", 6)]) },
        { "not one the tools make", new Drawing([null!]) },
        { "not one the tools make", new Drawing([new DrawingShape(DrawingTool.Line, null!, "#ff3b30", 6)]) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileOrBrokenDrawings_AreRefusedWithAReason(string reason, Drawing drawing)
    {
        var refused = Assert.Throws<DomainException>(() => Drawing.Validate(drawing));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheJson_RoundTrips_AndReadsToolsInAnyCase()
    {
        var drawing = Drawing.Validate(new Drawing([Arrow(), new DrawingShape(DrawingTool.Text, [new(0.5, 0.5)], "#ffffff", 3, "<b>x</b>")]))!;

        var json = Drawing.ToJson(drawing);
        var back = Drawing.FromJson(json)!;

        Assert.Equal(json, Drawing.ToJson(back));
        Assert.Contains("\"tool\":\"arrow\"", json, StringComparison.Ordinal);
        Assert.Equal(DrawingTool.Ellipse, Drawing.FromJson("""{"shapes":[{"tool":"ELLIPSE","points":[{"x":0,"y":0},{"x":1,"y":1}],"color":"#ffffff","width":3}]}""")!.Shapes[0].Tool);
        Assert.Throws<JsonException>(() => Drawing.FromJson("""{"shapes":[{"tool":"laser","points":[]}]}"""));
    }
}
