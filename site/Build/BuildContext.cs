using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>What every step of a build may read: the options it was asked for and the site's URLs.</summary>
public sealed record BuildContext(SiteBuildOptions Options, SiteUrls Urls)
{
    public BuildContext(SiteBuildOptions options)
        : this(options, new SiteUrls(options.BaseUrl))
    {
    }

    /// <summary>The output folder, as a full path without a trailing separator.</summary>
    public string Output => OutputFolder.Normalize(Options.Output);
}
