# vg_embed_files(OUT NAMESPACE VARIABLE FILES...): writes a .cpp defining
#   const std::vector<std::pair<std::string_view, std::string_view>> VARIABLE
# with each file's name and contents, sorted by name, so migrations ship inside the binary.
function(vg_embed_files out namespace variable)
  set(files ${ARGN})
  list(SORT files)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${namespace} -DVARIABLE=${variable}
            "-DFILES=${files}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${variable} into ${out}"
    VERBATIM)  # keeps the ;-separated file list one shell argument
endfunction()
