using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewRoom.Core.Notes;

public enum DrawingTool
{
    Pen,
    Line,
    Arrow,
    Rectangle,
    Ellipse,
    Text,
}

/// <summary>A point on the picture as fractions of its width (X) and height (Y), 0 at the top left and 1 at the bottom right.</summary>
public readonly record struct DrawingPoint(double X, double Y);

/// <summary>
/// One mark on the picture. Its points are fractions of the picture, so it sits on the same spot at any player
/// size, in fullscreen and on a phone. A pen stroke is its points in order; a line, arrow, rectangle or ellipse is
/// two corners (an arrow points at its second); text stands at its one point. Width is in thousandths of the
/// picture's width, so a mark keeps its weight relative to the picture.
/// </summary>
public sealed record DrawingShape(DrawingTool Tool, IReadOnlyList<DrawingPoint> Points, string Color, int Width, string? Text = null);

/// <summary>What a reviewer drew on a note's frame: checked and rounded here, so every stored drawing is one the player can show.</summary>
public sealed record Drawing(IReadOnlyList<DrawingShape> Shapes)
{
    public const int MaxShapes = 100;
    public const int MaxPointsPerStroke = 1_000;
    public const int MaxPoints = 5_000;
    public const int MaxTextLength = 200;

    /// <summary>The colours the tools offer: strong enough to read on any picture, and all a drawing may use.</summary>
    public static IReadOnlyList<string> Colors { get; } = ["#ff3b30", "#ffcc00", "#34c759", "#0a84ff", "#ff2d92", "#ffffff", "#000000"];

    /// <summary>Thin, medium and thick, in thousandths of the picture's width.</summary>
    public static IReadOnlyList<int> Widths { get; } = [3, 6, 12];

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// The drawing as it may be stored, or a <see cref="DomainException"/> that says what is wrong with it. Points a
    /// hair outside the picture (a stroke that ran off the edge) are pulled onto it; anything else out of bounds is refused.
    /// </summary>
    public static Drawing? Validate(Drawing? drawing)
    {
        if (drawing?.Shapes is not { Count: > 0 } shapes)
            return null;
        if (shapes.Count > MaxShapes)
            throw new DomainException($"A drawing can have at most {MaxShapes} marks; this one has {shapes.Count}. Clear some and send it again.");
        var total = 0;
        var valid = new List<DrawingShape>(shapes.Count);
        foreach (var shape in shapes)
        {
            if (shape is null || shape.Points is null || !Enum.IsDefined(shape.Tool))
                throw new DomainException("A mark in the drawing is not one the tools make.");
            var points = shape.Points;
            var expected = shape.Tool switch
            {
                DrawingTool.Pen => points.Count is >= 1 and <= MaxPointsPerStroke,
                DrawingTool.Text => points.Count == 1,
                _ => points.Count == 2,
            };
            if (!expected)
                throw new DomainException(shape.Tool == DrawingTool.Pen
                    ? $"A pen stroke has from 1 to {MaxPointsPerStroke} points."
                    : $"A {shape.Tool.ToString().ToLowerInvariant()} mark has {(shape.Tool == DrawingTool.Text ? "one point" : "two points")}.");
            total += points.Count;
            if (total > MaxPoints)
                throw new DomainException($"A drawing can have at most {MaxPoints} points in all; draw with fewer strokes.");
            var color = (shape.Color ?? "").ToLowerInvariant();
            if (!Colors.Contains(color))
                throw new DomainException($"'{Shorten(shape.Color)}' is not one of the drawing colours.");
            if (!Widths.Contains(shape.Width))
                throw new DomainException("A mark's width is thin, medium or thick.");
            string? text = null;
            if (shape.Tool == DrawingTool.Text)
            {
                text = (shape.Text ?? "").Trim();
                if (text.Length == 0)
                    throw new DomainException("A text mark needs some text.");
                if (text.Length > MaxTextLength)
                    throw new DomainException($"Text on the picture can be at most {MaxTextLength} characters.");
                if (text.Any(char.IsControl))
                    throw new DomainException("Text on the picture is one line of plain characters.");
            }
            valid.Add(new DrawingShape(shape.Tool, [.. points.Select(OnPicture)], color, shape.Width, text));
        }
        return new Drawing(valid);
    }

    public static string ToJson(Drawing drawing) => JsonSerializer.Serialize(drawing, Json);

    public static Drawing? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Drawing>(json, Json);

    // A pointer dragged past the edge lands a little outside; anything further is not a drawing the tools made.
    private const double Slack = 0.05;

    private static DrawingPoint OnPicture(DrawingPoint point)
    {
        if (!double.IsFinite(point.X) || !double.IsFinite(point.Y)
            || point.X < -Slack || point.X > 1 + Slack || point.Y < -Slack || point.Y > 1 + Slack)
            throw new DomainException("A mark in the drawing lies outside the picture.");
        return new DrawingPoint(Round(point.X), Round(point.Y));
    }

    // Four decimals place a point within a pixel on an 8K picture and keep stored drawings small.
    private static double Round(double value) => Math.Round(Math.Clamp(value, 0, 1), 4);

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 16 ? value : value[..16].ToString(CultureInfo.InvariantCulture) + "…";
}
