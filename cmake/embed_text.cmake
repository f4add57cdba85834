# Writes OUT: `std::string_view NAMESPACE::FUNCTION()` returning the text of
# FILE, so a binary carries a generated document (the OpenAPI file) itself.
file(READ "${FILE}" text)
set(body "// Generated from ${FILE}; do not edit.\n#include <string_view>\n\nnamespace ${NAMESPACE} {\n\nstd::string_view ${FUNCTION}() {\n  static constexpr char kText[] = R\"fhubtext(${text})fhubtext\";\n  return std::string_view(kText, sizeof(kText) - 1);\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
