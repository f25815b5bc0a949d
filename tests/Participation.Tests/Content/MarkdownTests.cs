using Participation.Web.Content;

namespace Participation.Tests.Content;

public sealed class MarkdownTests
{
    [Fact]
    public void A_script_tag_comes_out_as_text()
    {
        var html = Markdown.ToHtml("Bonjour <script>alert('x')</script> toi");
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void A_raw_html_block_comes_out_as_text()
    {
        var html = Markdown.ToHtml("<div onclick=\"steal()\">clique</div>\n\n<img src=x onerror=alert(1)>");
        Assert.DoesNotContain("<div", html);
        Assert.DoesNotContain("<img", html);
    }

    [Theory]
    [InlineData("[clique ici](javascript:alert(1))")]
    [InlineData("[clique ici](JavaScript:alert(1))")]
    [InlineData("[clique ici](java&#x09;script:alert(1))")]
    [InlineData("[clique ici](&#106;avascript:alert(1))")]
    [InlineData("[clique ici](vbscript:msgbox)")]
    [InlineData("[clique ici](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[clique ici](//evil.example/)")]
    [InlineData("[clique ici](/\\evil.example/)")]
    public void An_unsafe_link_keeps_its_words_but_loses_its_address(string markdown)
    {
        var html = Markdown.ToHtml(markdown);
        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html);
        Assert.Contains("clique ici", html);
    }

    [Fact]
    public void An_unsafe_image_becomes_its_description()
    {
        var html = Markdown.ToHtml("![un chat](javascript:alert(1))");
        Assert.DoesNotContain("<img", html);
        Assert.Contains("un chat", html);
    }

    [Fact]
    public void An_unsafe_autolink_is_not_a_link()
    {
        var html = Markdown.ToHtml("<javascript:alert(1)>");
        Assert.DoesNotContain("<a", html);
    }

    [Theory]
    [InlineData("[aide](/aide)", "href=\"/aide\"")]
    [InlineData("[119](tel:119)", "href=\"tel:119\"")]
    [InlineData("[114](sms:114)", "href=\"sms:114\"")]
    [InlineData("[écrire](mailto:dpo@bellerive.example)", "href=\"mailto:dpo@bellerive.example\"")]
    [InlineData("[site](https://allo119.gouv.fr)", "href=\"https://allo119.gouv.fr\"")]
    [InlineData("[plus bas](#contact)", "href=\"#contact\"")]
    public void Safe_links_stay_links(string markdown, string expected) => Assert.Contains(expected, Markdown.ToHtml(markdown));

    [Fact]
    public void External_links_do_not_pass_the_page_address_on() =>
        Assert.Contains("rel=\"noopener noreferrer\"", Markdown.ToHtml("[site](https://allo119.gouv.fr)"));

    [Theory]
    [InlineData("Besoin d'aide ?", "Besoin d'aide\u00a0?")]
    [InlineData("C'est gratuit !", "C'est gratuit\u00a0!")]
    [InlineData("À retenir : le 119 ; le 3114.", "À retenir\u00a0: le 119\u00a0; le 3114.")]
    [InlineData("La page « J'ai un code ».", "La page «\u00a0J'ai un code\u00a0».")]
    [InlineData("**Attention**: gratuit.", "<strong>Attention</strong>\u00a0: gratuit.")]
    [InlineData("[Besoin d'aide ?](/aide)", ">Besoin d'aide\u00a0?</a>")]
    public void French_text_gets_its_no_break_spaces(string markdown, string expected) =>
        Assert.Contains(expected, Markdown.ToHtml(markdown));

    [Fact]
    public void A_heading_gets_its_no_break_space_too() =>
        Assert.Contains(">Tu as une question\u00a0?</h2>", Markdown.ToHtml("## Tu as une question ?"));

    [Theory]
    [InlineData("Le code `a : b` reste tel quel.", "<code>a : b</code>")]
    [InlineData("De 9 h à 23 h, ou 14:30.", "14:30")]
    [InlineData("[site](https://www.allo119.gouv.fr/?page=1)", "href=\"https://www.allo119.gouv.fr/?page=1\"")]
    [InlineData("Voir https://www.allo119.gouv.fr/?a=1 ici", ">https://www.allo119.gouv.fr/?a=1</a>")]
    public void Code_times_and_addresses_keep_their_characters(string markdown, string expected) =>
        Assert.Contains(expected, Markdown.ToHtml(markdown));
}
