package dev.stitch.tiny;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.stitch.tiny.SyntaxPrinter.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;

class ParserTest {
    private static SyntaxTree parse(String source) {
        return Parser.parse(new SourceText(source, "test.tiny"));
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @CsvSource(delimiterString = "::", value = {
        // each level against the next tighter one, both ways round
        "a || b && c :: (a || (b && c))",
        "a && b || c :: ((a && b) || c)",
        "a && b | c :: (a && (b | c))",
        "a | b ^ c :: (a | (b ^ c))",
        "a ^ b & c :: (a ^ (b & c))",
        "a & b == c :: (a & (b == c))",
        "a == b < c :: (a == (b < c))",
        "a < b << c :: (a < (b << c))",
        "a << b + c :: (a << (b + c))",
        "a + b * c :: (a + (b * c))",
        "a * -b :: (a * (-b))",
        "-a * b :: ((-a) * b)",
        "a * b + c :: ((a * b) + c)",
        "a + b << c :: ((a + b) << c)",
        "a << b < c :: ((a << b) < c)",
        "a < b == c :: ((a < b) == c)",
        "a == b & c :: ((a == b) & c)",
        "a & b ^ c :: ((a & b) ^ c)",
        "a ^ b | c :: ((a ^ b) | c)",
        "a | b && c :: ((a | b) && c)",
        // left associativity and parentheses
        "a - b - c :: ((a - b) - c)",
        "a / b % c * d :: (((a / b) % c) * d)",
        "a >> b >>> c << d :: (((a >> b) >>> c) << d)",
        "a - (b - c) :: (a - (b - c))",
        "a || b || c :: ((a || b) || c)",
        "a <= b != c >= d :: ((a <= b) != (c >= d))",
        // prefix operators bind tighter than binary ones, postfix tighter still
        "!a == b :: ((!a) == b)",
        "~a & b :: ((~a) & b)",
        "- - a :: (-(-a))",
        "!!a :: (!(!a))",
        "-a[1] :: (-a[1])",
        "-f(1) :: (-f(1))",
        "a[b][c + 1] :: a[b][(c + 1)]",
        "f(a, g(b), c[1]) :: f(a, g(b), c[1])",
        // a minus right before a literal folds into it
        "-5 * 2 :: (-5 * 2)",
        "-9223372036854775808 :: -9223372036854775808",
        "0x7fff_ffff_ffff_ffff :: 9223372036854775807",
        "-0x8000000000000000 :: -9223372036854775808",
    })
    void groupsByPrecedenceAndAssociativity(String source, String grouped) {
        assertThat(parseExpression(source)).isEqualTo(grouped);
    }

    @Test
    void separatesFunctionsFromTopLevelStatements() {
        SyntaxTree tree = parse("""
                print(f(1))
                fn f(a, b) { return a }
                x = 2; fn g() { }
                print(x)
                """);
        assertThat(tree.functions()).extracting(FunctionDecl::name).containsExactly("f", "g");
        assertThat(tree.functions().get(0).parameters()).containsExactly("a", "b");
        assertThat(tree.functions().get(1).parameters()).isEmpty();
        assertThat(tree.topLevel()).hasSize(3);
        assertThat(tree.topLevel().get(0)).isInstanceOf(Stmt.CallStatement.class);
        assertThat(tree.topLevel().get(1)).isInstanceOf(Stmt.Assign.class);
    }

    @Test
    void parsesStatements() {
        List<Stmt> statements = parse("""
                a[i + 1] = 2
                if x { y = 1 } else if z { y = 2 } else { y = 3 }
                while (i < 10) { i = i + 1; if i == 5 { continue }; break }
                f()
                """).topLevel();
        assertThat(statements.get(0)).isInstanceOfSatisfying(Stmt.AssignElement.class, s ->
                assertThat(SyntaxPrinter.print(s.index())).isEqualTo("(i + 1)"));
        assertThat(statements.get(1)).isInstanceOfSatisfying(Stmt.If.class, s -> {
            assertThat(s.then()).hasSize(1);
            assertThat(s.otherwise()).singleElement().isInstanceOfSatisfying(Stmt.If.class,
                    inner -> assertThat(inner.otherwise()).hasSize(1));
        });
        assertThat(statements.get(2)).isInstanceOfSatisfying(Stmt.While.class, s -> {
            assertThat(SyntaxPrinter.print(s.condition())).isEqualTo("(i < 10)");
            assertThat(s.body()).hasSize(3);
            assertThat(s.body().get(2)).isInstanceOf(Stmt.Break.class);
        });
        assertThat(statements.get(3)).isInstanceOf(Stmt.CallStatement.class);
    }

    @Test
    void aStatementMayFollowABlockDirectly() {
        List<Stmt> statements = parse("if x { y = 1 } z = 2\nwhile 0 { } print(z)").topLevel();
        assertThat(statements).hasSize(4);
    }

    @Test
    void allowsLineBreaksBeforeBracesAndElse() {
        List<Stmt> statements = parse("""
                if x
                {
                    y = 1
                }
                else
                {
                    y = 2
                }
                z = 3
                """).topLevel();
        assertThat(statements).hasSize(2);
        assertThat(((Stmt.If) statements.get(0)).otherwise()).hasSize(1);
    }

    @Test
    void returnTakesAValueOnlyOnItsLine() {
        FunctionDecl f = parse("fn f() {\n return\n}\nfn g() { return 1 + 2 }").functions().get(0);
        assertThat(((Stmt.Return) f.body().get(0)).hasValue()).isFalse();
        FunctionDecl g = parse("fn g() { return 1 + 2 }").functions().get(0);
        assertThat(((Stmt.Return) g.body().get(0)).hasValue()).isTrue();
    }

    @Test
    void positionsPointAtOperatorsAndNames() {
        Stmt.Assign assign = (Stmt.Assign) parse("\nx = a +\n  (b / c)").topLevel().get(0);
        assertThat(assign.position()).isEqualTo(new Position(2, 3));
        Expr.Binary sum = (Expr.Binary) assign.value();
        assertThat(sum.position()).isEqualTo(new Position(2, 7));
        assertThat(sum.right().position()).isEqualTo(new Position(3, 6));
    }

    @Test
    void emptyProgramsAndBlocksAreFine() {
        assertThat(parse("").topLevel()).isEmpty();
        assertThat(parse("\n;;\n# only a comment\n").topLevel()).isEmpty();
        assertThat(parse("while 0 { }").topLevel()).hasSize(1);
    }
}
