# Writes OUT: NAMESPACE::FUNCTION() returning the migration files FILES as
# fhub::db::MigrationFile values, in file-name order.
set(body "// Generated from migrations/*.sql; do not edit.\n#include \"common/db/migrations.h\"\n\nnamespace ${NAMESPACE} {\n\nconst std::vector<fhub::db::MigrationFile>& ${FUNCTION}() {\n  static const auto* files = new std::vector<fhub::db::MigrationFile>{\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(f IN LISTS FILES)
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" sql)
  string(APPEND body "      {\"${name}\", R\"fhubsql(${sql})fhubsql\"},\n")
endforeach()
string(APPEND body "  };\n  return *files;\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
