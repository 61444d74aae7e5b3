include(CMakePackageConfigHelpers)

install(TARGETS safeguarding EXPORT safeguardingTargets)
install(DIRECTORY include/safeguarding DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(_sg_cmake_dir ${CMAKE_INSTALL_DATADIR}/cmake/safeguarding)
install(EXPORT safeguardingTargets NAMESPACE safeguarding:: DESTINATION ${_sg_cmake_dir})
configure_package_config_file(cmake/safeguardingConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfig.cmake
                              INSTALL_DESTINATION ${_sg_cmake_dir})
# A header-only library: any architecture will do.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/safeguardingConfigVersion.cmake DESTINATION ${_sg_cmake_dir})
