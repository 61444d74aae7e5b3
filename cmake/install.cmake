# Installs the headers, the libraries, the CMake package (find_package(safeguarding), with the
# optional component `returns`), the licence and the partnership file's JSON Schema.
include(CMakePackageConfigHelpers)

set(_sg_cmake_dir ${CMAKE_INSTALL_DATADIR}/cmake/safeguarding)
install(DIRECTORY include/safeguarding DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(TARGETS safeguarding EXPORT safeguardingTargets)
install(EXPORT safeguardingTargets NAMESPACE safeguarding:: DESTINATION ${_sg_cmake_dir})
if(SAFEGUARDING_RETURNS)
  install(TARGETS safeguarding_returns EXPORT safeguardingReturnsTargets)
  install(EXPORT safeguardingReturnsTargets NAMESPACE safeguarding:: DESTINATION ${_sg_cmake_dir})
endif()

if(SAFEGUARDING_HEADER_ONLY)
  # The headers include these in header-only mode (see include/safeguarding/config.hpp).
  install(DIRECTORY src/ DESTINATION ${SAFEGUARDING_SOURCE_INSTALL_DIR}/src FILES_MATCHING PATTERN "*.cpp"
          PATTERN "*.hpp" PATTERN "*.json" PATTERN "safeguarding" EXCLUDE)
endif()

install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/safeguarding)
install(FILES src/safeguarding/schemas/partnership.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/safeguarding/schemas)

set(SAFEGUARDING_CONFIG_HEADER_ONLY ${SAFEGUARDING_HEADER_ONLY})
set(SAFEGUARDING_CONFIG_RETURNS ${SAFEGUARDING_RETURNS})
configure_package_config_file(cmake/safeguardingConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfig.cmake
                              INSTALL_DESTINATION ${_sg_cmake_dir})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfigVersion.cmake DESTINATION ${_sg_cmake_dir})
