# Embeds a component's numbered migration files into a generated source so the
# binary carries its own schema history (no files to ship beside it).
function(fhub_embed_migrations target namespace function dir)
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/V*.sql")
  list(SORT sql_files)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cc")
  # ";" would split the argument; the script splits on "|".
  string(REPLACE ";" "|" files_arg "${sql_files}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${namespace} -DFUNCTION=${function}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_migrations.cmake
    DEPENDS ${sql_files} ${PROJECT_SOURCE_DIR}/cmake/embed_migrations.cmake
    COMMENT "Embedding migrations of ${namespace}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
