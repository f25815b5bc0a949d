using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <summary>
    /// Full-text search over proposals with SQLite FTS5. unicode61 with remove_diacritics 2 folds
    /// accents, so "securite" finds "sécurité". The index follows the table through triggers.
    /// </summary>
    public partial class ProposalFullTextSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ProposalSearch USING fts5(
                    Title, Text, content='Proposals', content_rowid='Id',
                    tokenize="unicode61 remove_diacritics 2");
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ProposalSearch_Insert AFTER INSERT ON Proposals BEGIN
                    INSERT INTO ProposalSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ProposalSearch_Delete AFTER DELETE ON Proposals BEGIN
                    INSERT INTO ProposalSearch(ProposalSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ProposalSearch_Update AFTER UPDATE OF Title, Text ON Proposals BEGIN
                    INSERT INTO ProposalSearch(ProposalSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                    INSERT INTO ProposalSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO ProposalSearch(ProposalSearch) VALUES ('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ProposalSearch_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ProposalSearch_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ProposalSearch_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ProposalSearch;");
        }
    }
}
