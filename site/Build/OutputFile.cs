namespace DulaRegistry.Site.Build;

/// <summary>One file of the site, relative to the output folder with forward slashes.</summary>
public sealed record OutputFile(string Path, OutputKind Kind, long Bytes);

public enum OutputKind
{
    Page,
    Export,
    Asset,
}
