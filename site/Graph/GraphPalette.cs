using System.Globalization;

namespace DulaRegistry.Site.Graph;

/// <summary>The marker of a secretariat group: a fill colour and a shape, so groups differ by more than colour.</summary>
public sealed record GroupMarker(string Color, GraphShape Shape);

public enum GraphShape
{
    Circle,
    Square,
    Diamond,
    Triangle,
}

/// <summary>
/// Colours and shapes for secretariat groups. The colours are Okabe and Ito's colour-blind-safe palette (without white)
/// followed by Paul Tol's muted palette, all distinct; the shape also changes from one group to the next, so two groups
/// never share colour and shape and a reader who cannot tell two colours apart still tells the shapes. Every symbol has
/// a dark outline, so even the light colours stand out from the white page (WCAG 1.4.11).
/// </summary>
public static class GraphPalette
{
    public static readonly IReadOnlyList<string> Colors =
    [
        // Okabe & Ito (2008)
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
        // Paul Tol, muted
        "#332288", "#882255", "#117733", "#DDCC77", "#AA4499", "#44AA99", "#999933",
    ];

    public const string Outline = "#1b1b1b";

    /// <summary>The marker of the <paramref name="index"/>-th group: distinct colours for the first 15, and (colour, shape) distinct for 60.</summary>
    public static GroupMarker For(int index) =>
        new(Colors[index % Colors.Count], (GraphShape)(index % Enum.GetValues<GraphShape>().Length));

    /// <summary>The SVG element of <paramref name="marker"/> centred on (x, y), about 2 × <paramref name="size"/> across.</summary>
    public static string Symbol(GroupMarker marker, double x, double y, double size, string attributes = "")
    {
        var style = $"fill=\"{marker.Color}\" stroke=\"{Outline}\" stroke-width=\"1.5\"{attributes}";
        return marker.Shape switch
        {
            GraphShape.Square => $"<rect x=\"{F(x - size * 0.85)}\" y=\"{F(y - size * 0.85)}\" width=\"{F(size * 1.7)}\" height=\"{F(size * 1.7)}\" {style}/>",
            GraphShape.Diamond => $"<path d=\"M{F(x)},{F(y - size * 1.15)} L{F(x + size * 1.15)},{F(y)} L{F(x)},{F(y + size * 1.15)} L{F(x - size * 1.15)},{F(y)} Z\" {style}/>",
            GraphShape.Triangle => $"<path d=\"M{F(x)},{F(y - size * 1.15)} L{F(x + size)},{F(y + size * 0.8)} L{F(x - size)},{F(y + size * 0.8)} Z\" {style}/>",
            _ => $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"{F(size)}\" {style}/>",
        };
    }

    /// <summary>A small inline SVG of <paramref name="marker"/> for the legend (decorative: the group's name is beside it).</summary>
    public static string LegendSymbol(GroupMarker marker) =>
        $"<svg class=\"flow-graph-legend__symbol\" width=\"18\" height=\"18\" viewBox=\"-9 -9 18 18\" aria-hidden=\"true\" focusable=\"false\">{Symbol(marker, 0, 0, 6.5)}</svg>";

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
