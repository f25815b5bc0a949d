using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.PostgresMigrations
{
    /// <summary>
    /// Full-text search over proposals on PostgreSQL: a French configuration that drops accents
    /// before stemming (so « ecole » finds « école » and « enfants » finds « enfant »), a tsvector
    /// generated from the title (weight A) and the text (weight B), and a GIN index over it. The
    /// column is the database's own: the EF model does not map it, and only
    /// <c>Proposals/ProposalSearchSql.cs</c> reads it.
    /// </summary>
    [DbContext(typeof(PostgresParticipationDb))]
    [Migration("20261203214900_ProposalFullTextSearch")]
    public partial class ProposalFullTextSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
                ALTER TEXT SEARCH CONFIGURATION french_unaccent
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Proposals" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('french_unaccent', "Title"), 'A') ||
                    setweight(to_tsvector('french_unaccent', "Text"), 'B')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Proposals_SearchVector" ON "Proposals" USING GIN ("SearchVector");""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Proposals_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Proposals" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;");
        }
    }
}
