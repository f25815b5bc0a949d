namespace Participation.Web.Shared;

/// <summary>
/// The words of the frame around every page: the menu, the footer and the emergency line. Young
/// people's pages say « tu »; families' pages say « vous », and a questionnaire in another language
/// has its frame in that language too, so that a parent never meets a French « Appelle » on it.
/// </summary>
public sealed record FrameWords
{
    public required string HtmlLang { get; init; }
    public bool RightToLeft { get; init; }
    public string Direction => RightToLeft ? "rtl" : "ltr";

    public required string SkipLink { get; init; }
    public required string MainNavigation { get; init; }
    public required string Home { get; init; }
    public required string Rights { get; init; }
    public required string Council { get; init; }
    public required string Proposals { get; init; }
    public required string Plan { get; init; }
    public required string Help { get; init; }
    public required string MySpace { get; init; }
    public required string Notifications { get; init; }
    public required string SignIn { get; init; }
    public required string SignOut { get; init; }
    public required string SignedInAs { get; init; }

    public required string SiteInformation { get; init; }
    public required string About { get; init; }
    public required string Privacy { get; init; }
    public required string Accessibility { get; init; }
    public required string Legal { get; init; }

    /// <summary>The emergency line, before the 119 to tap.</summary>
    public required string EmergencyLead { get; init; }
    public required string EmergencyDetail { get; init; }
    public required string AllHelpNumbers { get; init; }

    /// <summary>Said once, in the page's language, beside links that lead to pages written in French.</summary>
    public string? InFrench { get; init; }

    /// <summary>The frame of young people's pages, and the site's by default.</summary>
    public static FrameWords Young { get; } = new()
    {
        HtmlLang = "fr",
        SkipLink = "Aller au contenu",
        MainNavigation = "Navigation principale",
        Home = "Accueil",
        Rights = "Tes droits",
        Council = "Conseil",
        Proposals = "Propositions",
        Plan = "Le schéma",
        Help = "Aide",
        MySpace = "Mon espace",
        Notifications = "Notifications",
        SignIn = "Se connecter",
        SignOut = "Se déconnecter",
        SignedInAs = "Connecté·e\u00A0:",
        SiteInformation = "Informations sur le site",
        About = "À propos",
        Privacy = "Confidentialité",
        Accessibility = "Accessibilité\u00A0: non conforme",
        Legal = "Mentions légales",
        EmergencyLead = "En danger, ou inquiet·e pour un enfant\u00A0? Appelle le",
        EmergencyDetail = "gratuit, jour et nuit, n'apparaît pas sur la facture.",
        AllHelpNumbers = "Tous les numéros d'aide",
    };

    /// <summary>Families' pages, in French: « vous ».</summary>
    public static FrameWords Parents { get; } = Young with
    {
        Rights = "Vos droits",
        EmergencyLead = "Un enfant en danger, ou vous-même\u00A0? Appelez le",
    };

    /// <summary>Families' pages in easy-to-read French.</summary>
    public static FrameWords ParentsEasyRead { get; } = Parents with
    {
        EmergencyLead = "Un enfant est en danger\u00A0? Appelez le",
        EmergencyDetail = "C'est gratuit. Jour et nuit.",
        AllHelpNumbers = "Les autres numéros",
    };

    public static FrameWords English { get; } = new()
    {
        HtmlLang = "en",
        SkipLink = "Skip to content",
        MainNavigation = "Main menu",
        Home = "Home",
        Rights = "Your rights",
        Council = "Youth council",
        Proposals = "Proposals",
        Plan = "The plan",
        Help = "Help",
        MySpace = "My space",
        Notifications = "Notifications",
        SignIn = "Sign in",
        SignOut = "Sign out",
        SignedInAs = "Signed in:",
        SiteInformation = "About this site",
        About = "About",
        Privacy = "Privacy",
        Accessibility = "Accessibility: not compliant",
        Legal = "Legal notice",
        EmergencyLead = "A child in danger, or yourself? Call",
        EmergencyDetail = "free, day and night, not shown on the phone bill.",
        AllHelpNumbers = "All the help numbers",
        InFrench = "These pages are in French.",
    };

    public static FrameWords Arabic { get; } = new()
    {
        HtmlLang = "ar",
        RightToLeft = true,
        SkipLink = "الانتقال إلى المحتوى",
        MainNavigation = "القائمة الرئيسية",
        Home = "الصفحة الرئيسية",
        Rights = "حقوقك",
        Council = "مجلس الشباب",
        Proposals = "الاقتراحات",
        Plan = "المخطط",
        Help = "المساعدة",
        MySpace = "مساحتي",
        Notifications = "الإشعارات",
        SignIn = "تسجيل الدخول",
        SignOut = "تسجيل الخروج",
        SignedInAs = "متصل:",
        SiteInformation = "معلومات عن الموقع",
        About = "من نحن",
        Privacy = "الخصوصية",
        Accessibility = "إمكانية الوصول: غير مطابق",
        Legal = "الإشعار القانوني",
        EmergencyLead = "طفل في خطر، أو أنت؟ اتصل بالرقم",
        EmergencyDetail = "مجاني، ليلًا ونهارًا، ولا يظهر في فاتورة الهاتف.",
        AllHelpNumbers = "كل أرقام المساعدة",
        InFrench = "هذه الصفحات باللغة الفرنسية.",
    };

    public static FrameWords Spanish { get; } = new()
    {
        HtmlLang = "es",
        SkipLink = "Ir al contenido",
        MainNavigation = "Menú principal",
        Home = "Inicio",
        Rights = "Sus derechos",
        Council = "Consejo de jóvenes",
        Proposals = "Propuestas",
        Plan = "El plan",
        Help = "Ayuda",
        MySpace = "Mi espacio",
        Notifications = "Notificaciones",
        SignIn = "Iniciar sesión",
        SignOut = "Cerrar sesión",
        SignedInAs = "Conectado/a:",
        SiteInformation = "Información del sitio",
        About = "Acerca de",
        Privacy = "Privacidad",
        Accessibility = "Accesibilidad: no conforme",
        Legal = "Aviso legal",
        EmergencyLead = "¿Un niño en peligro, o usted? Llame al",
        EmergencyDetail = "gratuito, día y noche, no aparece en la factura.",
        AllHelpNumbers = "Todos los números de ayuda",
        InFrench = "Estas páginas están en francés.",
    };

    /// <summary>The frame a page gets when it does not choose one: « vous » for a signed-in adult and on the families' pages, « tu » elsewhere.</summary>
    public static FrameWords For(string path, bool adult) => adult ? Parents : ForPath(path);

    public static FrameWords ForPath(string path) =>
        path.Equals("/consultations", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/consultations/", StringComparison.OrdinalIgnoreCase) ? Parents : Young;

    /// <summary>The key a page sets in ViewData to choose its frame.</summary>
    public const string ViewDataKey = "Frame";
}
