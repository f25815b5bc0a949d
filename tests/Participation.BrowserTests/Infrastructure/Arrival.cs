using Microsoft.Playwright;

namespace Participation.BrowserTests.Infrastructure;

public static class Arrival
{
    /// <summary>
    /// Waits until the page shows <paramref name="url"/>. The address is polled rather than awaited
    /// through <c>WaitForURLAsync</c>, which can miss the load event it waits for when the page has
    /// already arrived, and then hang until its timeout.
    /// </summary>
    public static Task ArriveAtAsync(this IPage page, string url, float timeout = 30_000) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = timeout });
}
