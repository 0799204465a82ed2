namespace DulaRegistry.Site.Graph;

/// <summary>An axis-aligned box, in SVG user units.</summary>
public readonly record struct Box(double Left, double Top, double Right, double Bottom)
{
    public bool Overlaps(Box other, double gap = 0) =>
        Left < other.Right + gap && other.Left < Right + gap && Top < other.Bottom + gap && other.Top < Bottom + gap;
}

/// <summary>A label placed beside its node: the point it hangs from (X, Y), its text's baseline and anchor, its box, and how far out it was pushed.</summary>
public sealed record PlacedLabel(double X, double Y, double Baseline, string Anchor, Box Box, double Offset);

/// <summary>
/// Places horizontal labels outside a ring of nodes without overlaps: each label goes just outside its node, on the
/// line from the centre; when it would overlap a label already placed (near the top and bottom of the ring, where
/// neighbours sit side by side), it moves outward in steps of one line until it is clear. Returns null when some label
/// finds no room within <see cref="MaxSteps"/> steps: the ring must then grow.
/// </summary>
public static class LabelLayout
{
    public const int MaxSteps = 8;

    /// <summary>Width of a character as a fraction of the font size: an estimate of the average sans-serif glyph, slightly generous.</summary>
    public const double CharWidth = 0.62;

    public static Box BoxOf(double x, double baseline, string anchor, int length, double fontSize)
    {
        var width = length * CharWidth * fontSize;
        var left = anchor switch { "start" => x, "end" => x - width, _ => x - width / 2 };
        return new Box(left, baseline - fontSize * 0.95, left + width, baseline + fontSize * 0.25);
    }

    /// <param name="nodes">Centre, angle (radians, from the ring's centre) and text of each node, in ring order.</param>
    public static IReadOnlyList<PlacedLabel>? Place(IReadOnlyList<(double X, double Y, double Angle, string Text)> nodes, double nodeRadius, double fontSize)
    {
        var placed = new List<PlacedLabel>(nodes.Count);
        var obstacles = nodes.Select(n => new Box(n.X - nodeRadius, n.Y - nodeRadius, n.X + nodeRadius, n.Y + nodeRadius)).ToList();
        var step = fontSize * 1.3;
        foreach (var node in nodes)
        {
            var cos = Math.Cos(node.Angle);
            var sin = Math.Sin(node.Angle);
            var anchor = Math.Abs(cos) < 0.25 ? "middle" : cos > 0 ? "start" : "end";
            PlacedLabel? label = null;
            for (var i = 0; i <= MaxSteps && label is null; i++)
            {
                var offset = i * step;
                var distance = nodeRadius + 5 + offset;
                var x = node.X + distance * cos;
                var y = node.Y + distance * sin;
                // Below the ring the text hangs from the point, above it sits on it, at the sides it is centred on it.
                var baseline = sin > 0.75 ? y + fontSize * 0.95 : sin < -0.75 ? y - fontSize * 0.25 : y + fontSize * 0.35;
                var box = BoxOf(x, baseline, anchor, node.Text.Length, fontSize);
                if (!obstacles.Any(o => o.Overlaps(box, gap: 1))) label = new PlacedLabel(x, y, baseline, anchor, box, offset);
            }
            if (label is null) return null;
            placed.Add(label);
            obstacles.Add(label.Box);
        }
        return placed;
    }
}
