using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.PostgresMigrations
{
    /// <summary>
    /// The search vector of a proposal also carries its step, origin, themes and age bands, as
    /// words no one can type (« #s4 », « #c2 », « #t8 », « #a2 »): a search with filters is then
    /// answered by the GIN index alone, which reads only the proposals matching everything instead
    /// of every proposal holding the words.
    /// </summary>
    [DbContext(typeof(PostgresParticipationDb))]
    [Migration("20261204134500_ProposalFilterWords")]
    public partial class ProposalFilterWords : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION proposal_filter_words(status integer, channel integer, themes integer, age_bands integer)
                RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN array_to_tsvector(
                    ARRAY['#s' || status::text, '#c' || channel::text]
                    || ARRAY(SELECT '#t' || (1 << b)::text FROM generate_series(0, 30) b WHERE themes & (1 << b) <> 0)
                    || ARRAY(SELECT '#a' || (1 << b)::text FROM generate_series(0, 30) b WHERE age_bands & (1 << b) <> 0));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Proposals" DROP COLUMN "SearchVector";
                ALTER TABLE "Proposals" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('french_unaccent', "Title"), 'A') ||
                    setweight(to_tsvector('french_unaccent', "Text"), 'B') ||
                    proposal_filter_words("Status", "Channel", "Themes", "AgeBands")) STORED;
                CREATE INDEX "IX_Proposals_SearchVector" ON "Proposals" USING GIN ("SearchVector");
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Proposals" DROP COLUMN "SearchVector";
                ALTER TABLE "Proposals" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('french_unaccent', "Title"), 'A') ||
                    setweight(to_tsvector('french_unaccent', "Text"), 'B')) STORED;
                CREATE INDEX "IX_Proposals_SearchVector" ON "Proposals" USING GIN ("SearchVector");
                DROP FUNCTION proposal_filter_words(integer, integer, integer, integer);
                """);
        }
    }
}
