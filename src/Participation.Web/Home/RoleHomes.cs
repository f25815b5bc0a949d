using System.Security.Claims;
using Participation.Web.Shared;

namespace Participation.Web.Home;

public sealed record RoleHome(string Role, string Heading, string Intro, IReadOnlyList<Card> Cards);

/// <summary>What each kind of person can do, shown on their home after signing in.</summary>
public static class RoleHomes
{
    private static readonly Card Rights = new("Tes droits", "Ce que la loi te garantit, expliqué simplement.", "/droits", "bouclier");
    private static readonly Card Help = new("Besoin d'aide", "Les numéros à appeler, gratuits, jour et nuit.", "/aide", "telephone");
    private static readonly Card Plan = new("Le schéma", "Le plan du Département pour la protection de l'enfance.", "/schema", "arbre");
    private static readonly Card Account = new("Mon compte", "Mon pseudonyme, mon mot de passe, mes données.", "/compte", "cle");
    private static readonly Card YoungAccounts = new("Comptes des jeunes", "Créer un compte, imprimer un code d'activation, aider un·e jeune qui a oublié son mot de passe.", "/animation/jeunes", "groupe");
    private static readonly Card Council = new("Conseil des jeunes", "Les séances : s'inscrire, rejoindre, voter, proposer.", "/conseil", "groupe");
    private static readonly Card Sessions = new("Séances du Conseil", "Préparer, animer et projeter les séances ; leurs comptes rendus.", "/conseil", "groupe");
    private static readonly Card Propose = new("Proposer une idée", "Une idée pour changer les choses ? Écris-la.", "/propositions/nouvelle", "ampoule");
    private static readonly Card Mine = new("Mes propositions", "Où en sont mes idées.", "/propositions/miennes", "liste");
    private static readonly Card AllProposals = new("Les propositions", "Toutes les idées reçues et ce qu'elles sont devenues.", "/propositions", "bulle");
    private static readonly Card Triage = new("Propositions à traiter", "Relire, publier, relier au schéma, répondre.", "/pilotage/propositions", "tampon");
    private static readonly Card Report = new("Observatoire", "Les chiffres de la participation, par période.", "/pilotage/observatoire", "graphique");
    private static readonly Card Consultations = new("Consultations des familles", "Construire un questionnaire, imprimer les invitations, saisir le papier, lire les résultats.", "/pilotage/consultations", "liste");
    private static readonly Card AnswerConsultation = new("Donner mon avis", "Les questionnaires ouverts aux parents, sans compte.", "/consultations", "bulle");
    private static readonly Card Testimonies = new("Micro-trottoirs", "Répondre en quelques mots, à voix haute ou en photo, et lire le mur des paroles.", "/micro-trottoirs", "micro");
    private static readonly Card FieldWork = new("Micro-trottoirs", "Poser une question, recueillir les réponses en mode terrain, modérer le mur des paroles.", "/pilotage/micro-trottoirs", "micro");
    private static readonly Card Peers = new("Réseau d'entraide", "Des cercles sûrs pour s'entraider entre jeunes, ou entre parents, et des fiches pratiques.", "/entraide", "bulle");
    private static readonly Card PeerModeration = new("Modération de l'entraide", "Relire les messages des cercles, traiter les signalements, suivre les délais.", "/pilotage/entraide", "bulle");
    private static readonly Card PeerActions = new("Actions d'entraide", "Proposer au Conseil des jeunes les actions des cercles et suivre la feuille de route.", "/pilotage/entraide/actions", "bulle");
    private static readonly Card Charter = new("La charte de l'accueil", "Ce qu'un bon lieu d'accueil fait pour les jeunes : la lire, et voter quand une nouvelle version se prépare.", "/charte", "tampon");
    private static readonly Card CharterForParents = new("La charte de l'accueil", "Ce qu'un bon lieu d'accueil fait pour les enfants et les jeunes, et les établissements qui l'ont signée.", "/charte", "tampon");
    private static readonly Card CharterForAdults = new("La charte de l'accueil", "Les pratiques d'un bon accueil, leurs signataires, et le projet à commenter pendant le vote des jeunes.", "/charte", "tampon");
    private static readonly Card CharterSigning = new("Signer la charte", "Signer chaque version adoptée pour votre établissement et imprimer son certificat.", "/etablissement/charte", "tampon");
    private static readonly Card CharterSteering = new("Charte de qualité", "Préparer une version, la soumettre au vote des jeunes, l'adopter ; suivre les établissements.", "/pilotage/charte", "tampon");
    private static readonly Card AllAccounts = new("Tous les comptes", "Qui a accès à quoi, par rôle.", "/pilotage/comptes", "liste");
    private static readonly Card ErasureRequests = new("Demandes d'effacement", "Confirmer ou refuser l'effacement d'un compte, et voir ce qui a été effacé.", "/pilotage/effacements", "liste");

    public static RoleHome For(string role) => role switch
    {
        Roles.Young => new(role, "Ton espace", "Ici, ta parole compte. Tu es connu·e seulement par ton pseudonyme.", [Council, Propose, Peers, Testimonies, Charter, Mine, AllProposals, Rights, Help, Account]),
        Roles.Parent => new(role, "Votre espace parent", "Votre avis aide à améliorer l'accompagnement des familles. Vous restez anonyme dans tout ce qui est publié.", [AnswerConsultation, Peers, Testimonies, CharterForParents, AllProposals, Plan, Help, Account]),
        Roles.Facilitator => new(role, "Espace animation", "Préparez les séances du Conseil des jeunes et accompagnez les jeunes dans leur compte.", [Sessions, Triage, Consultations, FieldWork, PeerActions, YoungAccounts, Propose, Report, Plan, Account]),
        Roles.Moderator => new(role, "Espace modération", "Veillez à ce que chaque échange reste sûr et respectueux. Les jeunes n'apparaissent que sous leur pseudonyme.", [Triage, PeerModeration, FieldWork, Consultations, AllProposals, Report, Account]),
        Roles.Professional => new(role, "Espace professionnel", "Suivez le schéma départemental et relayez la parole des enfants que vous accompagnez.", [Propose, Testimonies, CharterForAdults, Mine, AllProposals, Plan, Account]),
        Roles.Establishment => new(role, "Espace établissement", "Signez la charte de qualité, suivez les engagements du schéma qui concernent votre établissement.", [CharterSigning, CharterForAdults, AllProposals, Plan, Help, Account]),
        Roles.Admin => new(role, "Pilotage du schéma", "Suivez le schéma, les comptes et la participation.", [Sessions, Triage, PeerModeration, Consultations, FieldWork, CharterSteering, Report, AllAccounts, ErasureRequests, YoungAccounts, Plan, Account]),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Rôle inconnu."),
    };

    /// <summary>One home per role the person holds, the most specific first.</summary>
    public static IReadOnlyList<RoleHome> For(ClaimsPrincipal user) =>
        Roles.All.Reverse().Where(user.IsInRole).Select(For).ToList();
}
