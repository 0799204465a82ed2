using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests.Infrastructure;

/// <summary>The fixture registry loaded as the site loads it and made into its site model (served at <c>/</c>, on
/// <see cref="BuiltSite.Today"/>): for tests of what is made from the model without building a site.</summary>
public static class FixtureSiteModel
{
    public static SiteModel Create()
    {
        var registry = RegistryLoader.Load(RepoPaths.FixtureRegistry, new DiagnosticBag(), RenderedBody.ForSite);
        return SiteModel.Create(registry, new BuildContext(new SiteBuildOptions("root", "out", "/", BuiltSite.Today)).Urls, BuiltSite.Today);
    }
}
