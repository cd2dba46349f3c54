using System.Globalization;
using System.Net;
using System.Text;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.Web.Features.Notes.Services;

/// <summary>
/// Drawings as SVG in the picture's own pixels (a view box of its width and height), so they lie on the picture
/// at any size. The only place a stored drawing becomes markup: every number comes from a validated drawing and
/// the text is escaped.
/// </summary>
public static class DrawingSvg
{
    public static string Shapes(IEnumerable<Drawing> drawings, int width, int height)
    {
        var svg = new StringBuilder();
        foreach (var shape in drawings.SelectMany(d => d.Shapes))
            Append(svg, shape, width, height);
        return svg.ToString();
    }

    private static void Append(StringBuilder svg, DrawingShape shape, int width, int height)
    {
        var stroke = Math.Max(1, shape.Width * width / 1000.0);
        var points = shape.Points.Select(p => (X: p.X * width, Y: p.Y * height)).ToList();
        var paint = $"stroke=\"{shape.Color}\" stroke-width=\"{N(stroke)}\" stroke-linecap=\"round\" stroke-linejoin=\"round\" fill=\"none\"";
        switch (shape.Tool)
        {
            case DrawingTool.Pen when points.Count == 1:
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(points[0].X)}\" cy=\"{N(points[0].Y)}\" r=\"{N(stroke / 2)}\" fill=\"{shape.Color}\" />");
                break;
            case DrawingTool.Pen:
                // Smoothed: a curve through the midpoints, bending at each recorded point.
                svg.Append(CultureInfo.InvariantCulture, $"<path {paint} d=\"M{N(points[0].X)} {N(points[0].Y)}");
                for (var i = 1; i < points.Count - 1; i++)
                    svg.Append(CultureInfo.InvariantCulture, $" Q{N(points[i].X)} {N(points[i].Y)} {N((points[i].X + points[i + 1].X) / 2)} {N((points[i].Y + points[i + 1].Y) / 2)}");
                svg.Append(CultureInfo.InvariantCulture, $" L{N(points[^1].X)} {N(points[^1].Y)}\" />");
                break;
            case DrawingTool.Line:
                svg.Append(CultureInfo.InvariantCulture, $"<line {paint} x1=\"{N(points[0].X)}\" y1=\"{N(points[0].Y)}\" x2=\"{N(points[1].X)}\" y2=\"{N(points[1].Y)}\" />");
                break;
            case DrawingTool.Arrow:
                var (from, to) = (points[0], points[1]);
                var angle = Math.Atan2(to.Y - from.Y, to.X - from.X);
                var head = Math.Max(stroke * 4, width * 0.02);
                var left = (X: to.X - head * Math.Cos(angle - Math.PI / 7), Y: to.Y - head * Math.Sin(angle - Math.PI / 7));
                var right = (X: to.X - head * Math.Cos(angle + Math.PI / 7), Y: to.Y - head * Math.Sin(angle + Math.PI / 7));
                svg.Append(CultureInfo.InvariantCulture, $"<path {paint} d=\"M{N(from.X)} {N(from.Y)} L{N(to.X)} {N(to.Y)} M{N(left.X)} {N(left.Y)} L{N(to.X)} {N(to.Y)} L{N(right.X)} {N(right.Y)}\" />");
                break;
            case DrawingTool.Rectangle:
                svg.Append(CultureInfo.InvariantCulture, $"<rect {paint} x=\"{N(Math.Min(points[0].X, points[1].X))}\" y=\"{N(Math.Min(points[0].Y, points[1].Y))}\" "
                    + $"width=\"{N(Math.Abs(points[1].X - points[0].X))}\" height=\"{N(Math.Abs(points[1].Y - points[0].Y))}\" />");
                break;
            case DrawingTool.Ellipse:
                svg.Append(CultureInfo.InvariantCulture, $"<ellipse {paint} cx=\"{N((points[0].X + points[1].X) / 2)}\" cy=\"{N((points[0].Y + points[1].Y) / 2)}\" "
                    + $"rx=\"{N(Math.Abs(points[1].X - points[0].X) / 2)}\" ry=\"{N(Math.Abs(points[1].Y - points[0].Y) / 2)}\" />");
                break;
            case DrawingTool.Text:
                var size = Math.Max(12, stroke * 5);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(points[0].X)}\" y=\"{N(points[0].Y)}\" font-size=\"{N(size)}\" font-family=\"sans-serif\" font-weight=\"700\" "
                    + $"fill=\"{shape.Color}\" stroke=\"#000\" stroke-opacity=\"0.6\" stroke-width=\"{N(size / 12)}\" paint-order=\"stroke\">{WebUtility.HtmlEncode(shape.Text)}</text>");
                break;
        }
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
